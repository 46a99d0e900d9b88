#!/usr/bin/env bash
# The designer in a real window under Xvfb, driven by keyboard and mouse through xdotool (XTEST):
# - Ctrl+S saves an edited form, Ctrl+Z undoes, Ctrl+O opens another form (the path typed into the
#   dialog, Enter), and the unsaved undo is kept in the first form's recovery file; the window's title
#   shows the file and its unsaved mark at each step;
# - dragging in the structure panel moves a question to another page, onto a question or onto a page.
# Every step waits for the state the designer reports after each frame (--state-file, lib.sh), never
# for a time: the dialog has the keyboard before the path is typed, Dear ImGui has seen the button
# held before the pointer moves, and so on.
# usage: input_test.sh DESIGNER REPO_ROOT
set -euo pipefail
designer=$1 root=$2
source "$(dirname "$0")/lib.sh"

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
suffix=" - Blankett formulärdesigner"

start_xvfb

# Starts the designer on "$@" and gives its window the keyboard (there is no window manager to do it).
open_designer() {
  start_designer "$@"
  wait_window
  xdotool windowfocus --sync "$window"
  wait_fact focus 1
}

open_designer "$tmp/a.json" --set '/title/en="Edited by the shortcut test"'
wait_title "a.json *$suffix"
xdotool key ctrl+s
wait_title "a.json$suffix"
xdotool key ctrl+z
wait_title "a.json *$suffix"
xdotool key ctrl+o
wait_fact dialog "Öppna"
wait_fact dialog-typing 1  # its path field has the keyboard
xdotool type --delay 5 "$tmp/b.json"
wait_fact dialog-path "$tmp/b.json"
# Enter held as a person holds it, until Dear ImGui has seen it down: it reads key states once a frame.
xdotool keydown Return
wait_fact enter down
xdotool keyup Return
wait_title "b.json$suffix"
wait_fact dialog -
stop_designer

# Dragging. The window fills the screen; the structure panel's rows are 19 pixels apart from the
# first page's at y=130: p1 130, a 149, b 168, p2 187, c 206, d 225.
open_designer "$tmp/two.json"
wait_title "two.json$suffix"
# Drags from x y to x y in four steps, as a hand does, with relative moves (the window holds the
# pointer while the button is down); $5 is what is dragged, $6 the row it is dropped on.
drag() {
  local x=$1 y=$2 dx=$((($3 - $1) / 4)) dy=$((($4 - $2) / 4)) step
  # An absolute move warps the pointer, which is no device event, and SDL refreshes the pointer
  # position Dear ImGui reads (the global one) on device events only: the last pixel is a relative step.
  xdotool mousemove "$((x - 1))" "$y"
  xdotool mousemove_relative -- 1 0
  wait_fact mouse "$x $y up"
  xdotool mousedown 1
  wait_fact mouse "$x $y down"
  for step in 1 2 3 4; do
    xdotool mousemove_relative -- "$dx" "$dy"
    x=$((x + dx)) y=$((y + dy))
    wait_fact mouse "$x $y down"
  done
  wait_fact drag "blankett-item $5"
  wait_fact drop-target "$6"
  xdotool mouseup 1
  wait_fact mouse "$x $y up"
  wait_fact drag -
}
drag 70 206 70 150 /pages/1/items/0 /pages/0/items/0  # c onto a: c goes to page 1, before a (p1: c a b; p2: d)
wait_title "two.json *$suffix"
drag 70 187 70 207 /pages/0/items/2 /pages/1  # b onto page 2: b goes to its end (p1: c a; p2: d b)
xdotool key ctrl+s
wait_title "two.json$suffix"
stop_designer

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
