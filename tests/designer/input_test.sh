#!/usr/bin/env bash
# The designer in a real window under Xvfb, driven by keyboard and mouse through xdotool (XTEST):
# - Ctrl+S saves an edited form, Ctrl+Z undoes, Ctrl+O opens another form (the path typed into the
#   dialog, Enter), and the unsaved undo is kept in the first form's recovery file; the window's title
#   shows the file and its unsaved mark at each step;
# - dragging in the structure panel moves a question to another page, onto a question or onto a page.
# usage: input_test.sh DESIGNER REPO_ROOT
set -euo pipefail
designer=$1 root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$root/samples/phq-9/form.json" "$tmp/a.json"
cp "$root/samples/gad-7/form.json" "$tmp/b.json"
# Two pages of two questions: p1 (a, b), p2 (c, d).
cat >"$tmp/two.json" <<'FORM'
{"format": 1, "id": "two", "version": 1, "languages": ["sv", "en"], "title": {"sv": "Två sidor", "en": "Two pages"},
 "pages": [{"id": "p1", "title": {"sv": "Ett", "en": "One"}, "items": [
   {"id": "a", "type": "text", "title": {"sv": "A", "en": "A"}}, {"id": "b", "type": "text", "title": {"sv": "B", "en": "B"}}]},
  {"id": "p2", "title": {"sv": "Två", "en": "Two"}, "items": [
   {"id": "c", "type": "text", "title": {"sv": "C", "en": "C"}}, {"id": "d", "type": "text", "title": {"sv": "D", "en": "D"}}]}]}
FORM

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

# Dragging. The window fills the screen; the structure panel's rows are 19 pixels apart from the
# first page's at y=130: p1 130, a 149, b 168, p2 187, c 206, d 225.
HOME="$tmp" "$designer" "$tmp/two.json" >>"$tmp/designer.log" 2>&1 &
pid=\$!
title "two.json - Blankett formulärdesigner"
# No window manager: the window is given the focus (SDL then follows the mouse while a button is held).
xdotool search --name Blankett windowfocus --sync
drag() {  # from x y to x y, in four steps, as a hand does (relative moves: the window holds the pointer)
  xdotool mousemove \$1 \$2 mousedown 1
  sleep 0.15
  for step in 1 2 3 4; do xdotool mousemove_relative -- \$(( (\$3 - \$1) / 4 )) \$(( (\$4 - \$2) / 4 )); sleep 0.1; done
  sleep 0.2
  xdotool mouseup 1
  sleep 0.3
}
drag 70 206 70 150   # c onto a: c goes to page 1, before a (p1: c a b; p2: d)
title "two.json * - Blankett formulärdesigner"
drag 70 187 70 207   # b onto page 2: b goes to its end (p1: c a; p2: d b)
xdotool key ctrl+s
title "two.json - Blankett formulärdesigner"
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
# The drags moved c and b to the other page, in order.
pages=$(node -e 'const f = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(f.pages.map((p) => p.id + ":" + p.items.map((i) => i.id).join(",")).join(" "))' "$tmp/two.json")
[ "$pages" = "p1:c,a p2:d,b" ] || fail "the drags left the pages as $pages, not p1:c,a p2:d,b"
echo "designer under Xvfb: Ctrl+S saved, Ctrl+Z undid, Ctrl+O opened, unsaved work kept; dragging moved questions between pages"
