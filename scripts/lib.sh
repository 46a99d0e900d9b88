# Shared by the scripts: step headers, quiet builds that show their log on failure.
# shellcheck shell=bash

export NODE_PATH=/usr/share/nodejs  # Emscripten's linker needs acorn from Debian's node modules
JOBS=$(nproc 2>/dev/null || echo 2)

step() { printf '\n== %s\n' "$*"; }

# build PRESET [TARGET...]: configure and build a CMake preset, log in build/PRESET.log.
build() {
  local preset=$1
  shift
  local log="build/$preset.log"
  mkdir -p build
  step "build $preset (log: $log)"
  local targets=() began=$SECONDS
  for t in "$@"; do targets+=(--target "$t"); done
  if ! { cmake --preset "$preset" && cmake --build --preset "$preset" -j"$JOBS" "${targets[@]}"; } >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "build $preset failed; the whole log is in $log" >&2
    return 1
  fi
  echo "built build/$preset in $(( SECONDS - began )) s"
}
