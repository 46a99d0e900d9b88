# The designer's tests under Xvfb share this: a private X server, the designer started in the
# background with its test hook (--state-file), waits on the states it reports, and a clean-up that
# stops and reaps everything the test started, whether it passes, fails or is interrupted.
# Source it from a bash script with `set -euo pipefail` after setting $designer; it makes "$tmp" and
# removes it at the end.
#
# Why not xvfb-run: an X server resets when its last client disconnects, and a client connecting
# during the reset is refused. A designer started after another one (or after an xdotool call) hit
# that about once in a hundred starts; SDL then fell back to its offscreen driver and the designer ran
# without a window, unseen, until killed. This server runs with -noreset, and -displayfd makes it pick
# a free display number itself (xvfb-run -a races other tests for the lock files).
#
# Nothing here waits by the clock: each wait polls for a state, with an overall limit that only turns a
# hang into a failure message (ctest's TIMEOUT, which kills the whole process tree, is longer). The
# polls use bash's builtins (one `sleep` a round) so that they take little from the designer's CPU.
#
# A ctest TIMEOUT sends SIGKILL to the script and every process below it (no trap runs then, and none
# is needed: the designer and Xvfb are the script's own children, never left to another parent). Should
# the script alone be killed (kill -9 of its pid), they get SIGTERM from the kernel as their parent
# dies (setpriv --pdeathsig), so they never run on without it.

tmp=$(mktemp -d)
started=()     # the test's background processes not yet reaped, stopped at exit in reverse order
designer_pid=  # the designer started last
designer_log=
state_file=
designers=0    # started so far
window=        # its X window
wait_limit=${BLANKETT_TEST_WAIT_LIMIT:-60}  # seconds for any one state to come
declare -A F   # the facts of the designer's last frame (read_facts)

# Whether child $1 has ended (a zombie until it is reaped) or is gone.
ended() {
  local stat
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 0
  stat=${stat##*) }
  [[ $stat == Z* || $stat == X* ]]
}

forget() {
  local keep=() pid
  for pid in "${started[@]}"; do [ "$pid" = "$1" ] || keep+=("$pid"); done
  started=("${keep[@]}")
}

# Reaps child $1, which has ended; its exit status goes to $reaped_status.
reap() {
  reaped_status=0
  wait "$1" 2>/dev/null || reaped_status=$?
  forget "$1"
}

# Stops child $1: SIGTERM (the designer quits as when its window is closed), SIGKILL if it has not
# ended after 10 s, then reaps it ($reaped_status).
stop() {
  local pid=$1 deadline=$((SECONDS + 10))
  kill -TERM "$pid" 2>/dev/null || true
  while ! ended "$pid" && ((SECONDS < deadline)); do sleep 0.02; done
  ended "$pid" || kill -KILL "$pid" 2>/dev/null || true
  reap "$pid"
}

cleanup() {
  local status=$? i
  trap - EXIT
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do stop "${started[i]}"; done
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

fail() {
  echo "$1"
  if [ -n "$state_file" ] && [ -f "$state_file" ]; then echo "--- the designer's last frame:"; cat "$state_file"; fi
  if [ -n "$designer_log" ] && [ -f "$designer_log" ]; then echo "--- its output:"; cat "$designer_log"; fi
  exit 1
}

# Starts a private Xvfb (1440x900, GLX) and exports its DISPLAY.
start_xvfb() {
  local deadline=$((SECONDS + wait_limit)) number=
  : >"$tmp/display"
  setpriv --pdeathsig TERM -- Xvfb -displayfd 3 -noreset -nolisten tcp -screen 0 1440x900x24 +extension GLX 3>"$tmp/display" 2>"$tmp/xvfb.log" &
  xvfb_pid=$!
  started+=("$xvfb_pid")
  # Xvfb writes its display number once it accepts connections.
  until [ -n "$number" ]; do
    read -r number <"$tmp/display" || true
    [ -n "$number" ] && break
    if ended "$xvfb_pid"; then echo "Xvfb did not start:"; cat "$tmp/xvfb.log"; exit 1; fi
    ((SECONDS < deadline)) || { echo "Xvfb did not give its display in $wait_limit s"; exit 1; }
    sleep 0.02
  done
  export DISPLAY=":$number"
}

# Stops the Xvfb and reaps it: when this returns, the display is gone.
kill_xvfb() {
  stop "$xvfb_pid"
}

# Starts the designer in the background with "$@" and a state file of its own; HOME apart (the
# recent-files list of an interactive session goes there); its output goes to $designer_log.
start_designer() {
  designers=$((designers + 1))
  local n=$designers
  state_file="$tmp/state.$n"
  designer_log="$tmp/designer.$n.log"
  HOME="$tmp" setpriv --pdeathsig TERM -- "$designer" "$@" --state-file "$state_file" >"$designer_log" 2>&1 &
  designer_pid=$!
  started+=("$designer_pid")
  window=
  F=()
}

# Ends the designer as a closed window does (SIGTERM) and checks that it exited cleanly.
stop_designer() {
  stop "$designer_pid"
  [ "$reaped_status" = 0 ] || fail "the designer exited with status $reaped_status when asked to stop"
}

# Reads the facts of the designer's last frame into F (F[title], F[mouse], ...; docs/designer.md).
read_facts() {
  F=()
  [ -f "$state_file" ] || return 0
  local key value
  while IFS=' ' read -r key value; do F[$key]=$value; done <"$state_file"
}

# Polls until the command "$@" succeeds on the facts of the designer's last frame; $1 says what is
# awaited. Fails at once when the designer ends.
wait_for() {
  local what=$1 deadline=$((SECONDS + wait_limit))
  shift
  while read_facts; ! "$@"; do
    ended "$designer_pid" && fail "the designer ended while waiting for $what"
    ((SECONDS < deadline)) || fail "waited $wait_limit s for $what"
    sleep 0.01
  done
}

fact_is() { [ "${F[$1]-}" = "$2" ]; }
frame_at_least() { [ "${F[frame]:-0}" -ge "$1" ]; }

# Waits until fact $1 of the last frame is $2.
wait_fact() {
  wait_for "$1 to be '$2'" fact_is "$1" "$2"
}

# Waits until the designer has drawn $1 (2) more frames: input sent before the call has been read by
# then (the frame being drawn at the call may have polled its events before the input came).
wait_frames() {
  read_facts
  local until_frame=$((${F[frame]:-0} + ${1:-2}))
  wait_for "frame $until_frame" frame_at_least "$until_frame"
}

# Finds the designer's X window ($window). A search fails as a whole when a window it lists goes away
# before it is asked for its name (SDL makes and drops a window while it sets up OpenGL): try again.
find_window() {
  window=$(xdotool search --name 'Blankett' 2>/dev/null | head -1) || window=
  [ -n "$window" ]
}

# Waits for the designer's first frame and its X window ($window), there by then with its name.
wait_window() {
  wait_for "the first frame" frame_at_least 1
  wait_for "the designer's window on $DISPLAY" find_window
}

x_title_is() { [ "$(xdotool getwindowname "$window" 2>/dev/null)" = "$1" ]; }

# Waits until the designer's title is $1, and then the X window's (what a window manager shows).
wait_title() {
  wait_fact title "$1"
  wait_for "the X window's title to be '$1'" x_title_is "$1"
}

# Waits for the designer to end by itself; its exit status goes to $exit_status.
wait_exit() {
  local deadline=$((SECONDS + wait_limit))
  while ! ended "$designer_pid"; do
    ((SECONDS < deadline)) || fail "the designer did not exit in $wait_limit s"
    sleep 0.02
  done
  reap "$designer_pid"
  exit_status=$reaped_status
}
