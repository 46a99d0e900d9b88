#!/usr/bin/env bash
# The designer's keyboard shortcuts in a real window under Xvfb, typed with xdotool (XTEST): Ctrl+S
# saves an edited form, Ctrl+Z undoes, Ctrl+O opens another form (the path typed into the dialog,
# Enter), and the unsaved undo is kept in the first form's recovery file. The window's title shows
# the file and its unsaved mark at each step.
# usage: shortcuts_test.sh DESIGNER REPO_ROOT
set -euo pipefail
designer=$1 root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$root/samples/phq-9/form.json" "$tmp/a.json"
cp "$root/samples/gad-7/form.json" "$tmp/b.json"

cat >"$tmp/run.sh" <<SCRIPT
set -euo pipefail
# HOME apart: the recent-files list of an interactive session goes there.
HOME="$tmp" "$designer" "$tmp/a.json" --set '/title/en="Edited by the shortcut test"' >"$tmp/designer.log" 2>&1 &
pid=\$!
# Waits until the window's title is \$1 (at most 20 s).
title() {
  for _ in \$(seq 200); do
    [ "\$(xdotool search --name 'Blankett' getwindowname 2>/dev/null | head -1)" = "\$1" ] && return 0
    sleep 0.1
  done
  echo "the window's title never became '\$1' (it is '\$(xdotool search --name 'Blankett' getwindowname 2>/dev/null | head -1)')"
  return 1
}
title "a.json * - Blankett formulärdesigner"
xdotool mousemove 700 450   # no window manager: keys go to the window under the pointer
xdotool key ctrl+s
title "a.json - Blankett formulärdesigner"
xdotool key ctrl+z
title "a.json * - Blankett formulärdesigner"
xdotool key ctrl+o
sleep 1  # the dialog opens on the next frame, its path field focused
xdotool type --delay 5 "$tmp/b.json"
# Enter held as a person holds it: Dear ImGui 1.86 reads key states once a frame.
xdotool keydown Return
sleep 0.1
xdotool keyup Return
title "b.json - Blankett formulärdesigner"
kill -TERM \$pid
wait \$pid
SCRIPT
xvfb-run -a -s "-screen 0 1440x900x24 +extension GLX" bash "$tmp/run.sh" || { cat "$tmp/designer.log"; exit 1; }

fail() { echo "$1"; cat "$tmp/designer.log"; exit 1; }
# Ctrl+S wrote the edit.
grep -q '"Edited by the shortcut test"' "$tmp/a.json" || fail "Ctrl+S did not save the edit"
# Ctrl+Z undid it, unsaved; opening b.json kept that in a.json's recovery file.
[ -f "$tmp/a.json.recovery" ] || fail "the unsaved undo was not kept when another form was opened"
grep -q '"Patient Health Questionnaire (PHQ-9)"' "$tmp/a.json.recovery" || fail "the recovery file does not hold the undone title"
# b.json was opened and left unchanged: no recovery file for it.
[ ! -e "$tmp/b.json.recovery" ] || fail "an unchanged form left a recovery file"
cmp -s "$tmp/b.json" "$root/samples/gad-7/form.json" || fail "opening a form changed its file"
echo "designer shortcuts under Xvfb: Ctrl+S saved, Ctrl+Z undid, Ctrl+O opened; unsaved work kept"
