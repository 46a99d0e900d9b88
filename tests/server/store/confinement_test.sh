#!/usr/bin/env bash
# The store's promise, checked in the sources: SQL lives in server/store/ and nowhere else; the rest
# of the server and the command line reach the data through the store's repositories.
# usage: confinement_test.sh REPO_ROOT
set -u
cd "$1" || exit 2
failures=0
# check DESCRIPTION PATTERN: no line of server/ (outside server/store/) or cli/ may match the pattern
check() {
  local hits
  hits=$(grep -rnP --include='*.cpp' --include='*.h' -- "$2" server cli | grep -v '^server/store/' | grep -vE '^\S+:[0-9]+:\s*//')
  if [ -n "$hits" ]; then
    echo "FAIL $1:"; echo "$hits"
    failures=$((failures + 1))
  fi
}
check "SQL statements" '"[^"]*\b(SELECT\s|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER)|ALTER\s+TABLE|DROP\s+(TABLE|DATABASE)|PRAGMA\s|BEGIN\s*(IMMEDIATE|TRANSACTION|ISOLATION))|"\s*(VACUUM|CHECKPOINT)\b'
check "the SQL driver" '#include\s+"store/(sql|sqlite|postgres|migrations)\.h"'
check "the store's connection" '\.connection\(\)'
check "database libraries" '#include\s+<(sqlite3|libpq-fe)\.h>'
# And the check itself can fail: a statement in a handler would be found.
probe=$(mktemp -d)
mkdir -p "$probe/server/http"
echo 'auto st = c.prepare("SELECT id FROM instances WHERE id = ?");' >"$probe/server/http/probe.cpp"
(cd "$probe" && grep -rnqP --include='*.cpp' '"[^"]*\bSELECT\s' server) || { echo "FAIL the probe was not found"; failures=$((failures + 1)); }
rm -rf "$probe"
echo "store confinement: $failures failures"
[ "$failures" = 0 ]
