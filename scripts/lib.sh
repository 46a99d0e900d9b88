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

# start_test_postgres [durable]: a private PostgreSQL 15 for the tests (Debian's server binaries), in a
# temporary folder on a free loopback port, stopped and removed when the calling script exits. Exports
# BLANKETT_TEST_POSTGRES (the maintenance database's URL; tests create a database each) and
# BLANKETT_TEST_POSTGRES_DATA (its data directory, where the deletion test looks for leftovers).
# fsync is off for the tests (they kill Blankett's servers, never PostgreSQL, and it makes them
# faster); `durable` keeps PostgreSQL's defaults (fsync, synchronous commit), for benchmarks.
start_test_postgres() {
  local settings="-c fsync=off"
  [ "${1:-}" = durable ] && settings=""
  local bin=/usr/lib/postgresql/15/bin
  [ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is missing (scripts/setup installs it)" >&2; return 1; }
  local dir port as=()
  dir=$(mktemp -d /tmp/blankett-pg.XXXXXX)
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});')
  # initdb refuses to run as root: then the server runs as Debian's postgres user.
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log"; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $settings -c max_connections=300" start >/dev/null ||
    { cat "$dir/server.log"; return 1; }
  # shellcheck disable=SC2064  # expanded now, on purpose
  trap "${as[*]} $bin/pg_ctl -D $dir/data -m immediate stop >/dev/null 2>&1; rm -rf $dir" EXIT
  export BLANKETT_TEST_POSTGRES="postgresql://127.0.0.1:$port/postgres?user=postgres"
  export BLANKETT_TEST_POSTGRES_DATA="$dir/data"
  echo "PostgreSQL for the tests on 127.0.0.1:$port ($dir)"
}
