#!/usr/bin/env bash
# The core's promises, checked in its sources: no I/O, no clock, no exceptions, no mutable globals.
# usage: purity_test.sh REPO_ROOT
set -u
cd "$1/core" || exit 2
failures=0
# check DESCRIPTION PATTERN: no line of the core may match the (Perl) pattern
check() {
  local hits
  hits=$(grep -rnP --include='*.cpp' --include='*.h' -- "$2" include src | grep -vE '^\S+:[0-9]+:\s*//')
  if [ -n "$hits" ]; then
    echo "FAIL $1:"; echo "$hits"
    failures=$((failures + 1))
  fi
}
check "I/O" '#include <(iostream|fstream|filesystem)>|std::(cout|cerr|clog)|\b(fopen|fwrite|fputs|puts|printf|fprintf)\(|\bopen\('
check "clocks" 'std::chrono|\btime\(|clock_gettime|gettimeofday|localtime|gmtime'
check "exceptions" '\b(throw|try|catch)\b'
check "randomness and environment" 'std::random_device|\brand\(|\bgetenv\('
check "threads" 'std::(thread|mutex|atomic)'
# Mutable globals: every namespace-scope or static variable must be constexpr (or const).
check "mutable statics" '^\s*static\s+(?!constexpr\b|const\b)[\w:<>]+\s+\w+\s*(=|;|\{|\[)'
check "thread_local" '\bthread_local\b'
echo "purity: $failures failures"
[ "$failures" = 0 ]
