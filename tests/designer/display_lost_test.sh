#!/usr/bin/env bash
# The designer without its display: when the X server dies under a running designer, it says so, keeps
# the unsaved work in the recovery file and exits with a non-zero status; and when there is no display
# to reach at the start (as when an X server refuses the connection while it resets) it says so and
# exits, rather than running on with SDL's offscreen driver, without a window, until it is killed.
# usage: display_lost_test.sh DESIGNER REPO_ROOT
set -euo pipefail
designer=$1 root=$2
source "$(dirname "$0")/lib.sh"
cp "$root/samples/phq-9/form.json" "$tmp/a.json"

start_xvfb
start_designer "$tmp/a.json" --set '/title/en="Unsaved when the display went"'
wait_window
wait_fact dirty 1
kill_xvfb  # returns once the X server has ended
wait_exit
[ "$exit_status" != 0 ] || fail "the designer exited with status 0 when its display went away"
grep -q "^blankett-designer: lost the connection to the display $DISPLAY" "$designer_log" || fail "the designer did not say that its display went away"
grep -q '"Unsaved when the display went"' "$tmp/a.json.recovery" 2>/dev/null || fail "the unsaved edit was not kept when the display went away"

unset DISPLAY WAYLAND_DISPLAY
start_designer "$tmp/a.json"
wait_exit
[ "$exit_status" = 2 ] || fail "without a display the designer exited with status $exit_status, not 2"
grep -q "^blankett-designer: no display" "$designer_log" || fail "without a display the designer did not say so"
echo "designer without its display: lost it and exited with status 1, the unsaved edit kept; none at the start: exited with status 2"
