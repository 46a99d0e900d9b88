#!/usr/bin/env bash
# The designer in a real window under Xvfb (Mesa's software OpenGL): open PHQ-9, edit it through the
# command layer, answer it in the test panel, save, screenshot; the saved form passes `blankett check`.
# usage: xvfb_test.sh DESIGNER BLANKETT REPO_ROOT SCREENSHOT_DIR
# One private X server for every run, stopped with the designer at the end whatever happens (lib.sh).
set -euo pipefail
designer=$1 blankett=$2 root=$3 shots=$4
source "$(dirname "$0")/lib.sh"
mkdir -p "$shots"
start_xvfb
# The designer with "$@" until it ends by itself (after its --frames); its output is in $designer_log.
run() {
  start_designer "$@"
  wait_exit
  [ "$exit_status" = 0 ] || fail "blankett-designer $* exited with status $exit_status"
}

run "$root/samples/phq-9/form.json" --set '/title/en="PHQ-9 (edited)"' --add yes_no --save-as "$tmp/phq9.json" \
  --select q10 --answer 'q1="1"' --answer 'q9="2"' --frames 30 --screenshot "$tmp/phq9.ppm"
cat "$designer_log"
grep -q "^opened in" "$designer_log" || fail "the designer did not report its frames"
"$blankett" check "$tmp/phq9.json" --compact >"$tmp/check.json"
grep -q '"valid":true' "$tmp/check.json" || { echo "the saved form does not pass blankett check"; cat "$tmp/check.json"; exit 1; }
grep -q '"PHQ-9 (edited)"' "$tmp/phq9.json" || { echo "the edit is not in the saved file"; exit 1; }
grep -q '"type": "yes_no"' "$tmp/phq9.json" || { echo "the new question is not in the saved file"; exit 1; }
[ ! -e "$tmp/phq9.json.recovery" ] || { echo "a saved form left a recovery file"; exit 1; }
# A picture of the whole window: 1440x900, and not blank.
head -c 20 "$tmp/phq9.ppm" | grep -q "^1440 900$" || head -2 "$tmp/phq9.ppm" | tail -1 | grep -q "1440 900"
colours=$(convert "$tmp/phq9.ppm" -format %k info:)
[ "$colours" -gt 50 ] || { echo "the screenshot has only $colours colours"; exit 1; }
convert "$tmp/phq9.ppm" "$shots/designer-phq9.png"

# A form with errors opens, and its problems are listed.
printf '{"format": 1, "id": "x", "version": 1, "languages": ["sv"], "title": "X",\n "pages": [{"id": "p", "items": [{"id": "a", "type": "nosuch"}]}]}' >"$tmp/bad.json"
run "$tmp/bad.json" --select a --frames 10 --screenshot "$tmp/bad.ppm"
convert "$tmp/bad.ppm" "$shots/designer-problems.png"
# The health survey with its star profile, in English.
run "$root/samples/halsoenkat/form.json" --language en --frames 10 --screenshot "$tmp/halsoenkat.ppm"
convert "$tmp/halsoenkat.ppm" "$shots/designer-halsoenkat.png"
# The logic editors: a page's routing (the health survey's alcohol page), and a band table by sex
# (AUDIT-C's risk levels for women and men).
run "$root/samples/halsoenkat/form.json" --select /pages/3 --frames 10 --screenshot "$tmp/routing.ppm"
convert "$tmp/routing.ppm" "$shots/designer-routing.png"
run "$root/samples/audit-c/form.json" --frames 10 --screenshot "$tmp/bands.ppm"
convert "$tmp/bands.ppm" "$shots/designer-bands-by-sex.png"
echo "designer under Xvfb: edited, saved, checked; screenshots in $shots"
