#!/usr/bin/env bash
# The `blankett` command line through its real binary: exit codes, JSON on stdout, no numbers echoed.
# usage: cli_test.sh "BLANKETT_COMMAND" REPO_ROOT   (the command may be "node;--flag;blankett.js")
set -u
IFS=';' read -ra B <<< "$1"
ROOT=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

# expect_exit CODE DESCRIPTION -- ARGS...   (stdout kept in $TMP/out, stderr in $TMP/err)
expect_exit() {
  local want=$1 what=$2
  shift 3
  "${B[@]}" "$@" >"$TMP/out" 2>"$TMP/err" <"${STDIN:-/dev/null}"
  local got=$?
  checks=$((checks + 1))
  if [ "$got" != "$want" ]; then
    echo "FAIL $what: exit $got, expected $want"; head -c 600 "$TMP/out"; head -c 300 "$TMP/err"
    failures=$((failures + 1))
  fi
}
# expect_out PATTERN DESCRIPTION: grep -E on the last stdout
expect_out() {
  checks=$((checks + 1))
  if ! grep -qE -- "$1" "$TMP/out"; then echo "FAIL $2: stdout lacks /$1/"; head -c 600 "$TMP/out"; failures=$((failures + 1)); fi
}
expect_no() {
  checks=$((checks + 1))
  if grep -qE -- "$1" "$TMP/out" "$TMP/err"; then echo "FAIL $2: output has /$1/"; failures=$((failures + 1)); fi
}

expect_exit 0 "help" -- --help
expect_out "validate FORM ANSWERS" "help lists commands"
expect_exit 2 "no command" --
expect_exit 2 "unknown command" -- frobnicate
expect_exit 0 "check --help" -- check --help
expect_exit 2 "check without a file" -- check
expect_exit 2 "unknown option" -- check --colour x.json

expect_exit 0 "check a sample" -- check "$ROOT/samples/phq-9/form.json"
expect_out '"valid": true' "sample is valid"
expect_out '"questions": 10' "PHQ-9 has ten questions"
expect_exit 2 "check a missing file" -- check "$TMP/nope.json"
expect_out '"code": "io.read"' "missing file is io.read"

printf '{"format": 1, "id": "x",\n "version": "1"}' >"$TMP/bad.json"
expect_exit 1 "check a broken form" -- check "$TMP/bad.json" --compact
expect_out '"code":"form.wrong_type","pointer":"/version","line":2,"column":13' "wrong type located"
expect_exit 1 "check in Swedish" -- check "$TMP/bad.json" --lang sv
expect_out 'Fel typ: väntade integer, fick string' "Swedish message"

# A pattern 30,000 groups deep (60 KB) once overflowed the stack (exit 139): one located diagnostic.
{ printf '{"format": 1, "id": "deep", "version": 1, "languages": ["sv"], "title": "T",\n "pages": [{"id": "p", "items": [{"id": "q", "type": "text", "title": "Q", "pattern": "'
  head -c 30000 /dev/zero | tr '\0' '('; printf a; head -c 30000 /dev/zero | tr '\0' ')'; printf '"}]}]}'; } >"$TMP/deep.json"
expect_exit 1 "check a pattern 30,000 groups deep" -- check "$TMP/deep.json" --compact
expect_out '"code":"form.pattern_too_complex","pointer":"/pages/0/items/0/pattern","line":2,"column":87' "deep pattern located"
expect_out '"params":\{"reason":"nesting","limit":100,"position":100\}' "deep pattern's reason"

S=$ROOT/samples/phq-9
expect_exit 0 "validate a valid document" -- validate "$S/form.json" "$S/answers/valid-mild.json" --compact
expect_out '^\{"valid":true,"issues":\[\]' "valid result"
expect_exit 1 "validate an incomplete document" -- validate "$S/form.json" "$S/answers/incomplete.json"
expect_out '"rule": "mandatory"' "mandatory issue"
expect_exit 0 "a draft skips mandatory" -- validate "$S/form.json" "$S/answers/incomplete.json" --draft
expect_exit 2 "validate against a broken form" -- validate "$TMP/bad.json" "$S/answers/valid-mild.json"
expect_out '"code": "input.form"' "broken form is an input error"
printf '{"form": "phq-9", "version": 1, "answers": {"q1": "0",}}' >"$TMP/trailing.json"
expect_exit 2 "validate a malformed document" -- validate "$S/form.json" "$TMP/trailing.json" --compact
expect_out '"code":"json.syntax","pointer":"","line":1,"column":55' "syntax error located"
expect_exit 2 "unknown page" -- validate "$S/form.json" "$S/answers/valid-mild.json" --page nope
expect_exit 2 "bad --today" -- validate "$S/form.json" "$S/answers/valid-mild.json" --today 2026-02-30

# Many documents, one per line: one result per line, a broken line an error line, in order.
{ tr -d '\n' <"$S/answers/valid-mild.json"; echo; echo '{"form": "phq-9", "version": 1, "answers": {"q1": 0,'; tr -d '\n' <"$S/answers/incomplete.json"; echo; } >"$TMP/many.jsonl"
expect_exit 1 "validate --lines" -- validate "$S/form.json" "$TMP/many.jsonl" --lines
checks=$((checks + 1))
if [ "$(wc -l <"$TMP/out")" != 3 ] || [ "$(sed -n 2p "$TMP/out")" != '{"error":"input.answers"}' ] ||
   ! sed -n 1p "$TMP/out" | grep -q '^{"valid":true,' || ! sed -n 3p "$TMP/out" | grep -q '^{"valid":false,'; then
  echo "FAIL validate --lines: one result per line"; cat "$TMP/out"; failures=$((failures + 1))
fi

# The render model and the star profile.
expect_exit 0 "render a form" -- render "$S/form.json" --lang en --compact
expect_out '"title":"Patient Health Questionnaire \(PHQ-9\)"' "render model in English"
expect_exit 0 "render the star profile" -- render "$ROOT/samples/halsoenkat/form.json" "$ROOT/samples/halsoenkat/answers/healthy.json" --svg 0
expect_out '^<svg xmlns="http://www.w3.org/2000/svg"' "an SVG image"
expect_exit 2 "render a profile the form lacks" -- render "$S/form.json" --svg 0

A=$ROOT/samples/audit-c
expect_exit 0 "validate with a subject" -- validate "$A/form.json" "$A/answers/no-subject.json" --subject 19640823-3234 --today 2026-06-01 --compact
expect_out '"risk":\{"code":"' "the subject's sex chooses a band"
expect_exit 2 "a bad subject" -- validate "$A/form.json" "$A/answers/no-subject.json" --subject 19640823-3235
expect_no '3235' "a bad subject is never echoed"

expect_exit 0 "pnr valid" -- pnr --today 2026-11-22 640823-3234 --compact
expect_out '"number":"196408233234","ten":"640823-3234","sex":"male","birth_year":1964,"birth_month":8,"birth_day":23,"age":62' "pnr fields"
expect_exit 1 "pnr invalid" -- pnr --today 2026-11-22 640823-3235 19640823-3234
expect_out '"error":"pnr.checksum"' "pnr error code"
expect_no '3235' "an invalid number is never echoed"
expect_exit 0 "pnr interim allowed" -- pnr --today 2026-11-22 --allow-interim 000101-T220
expect_out '"kind":"interim"' "interim kind"
expect_exit 2 "pnr without numbers" -- pnr

grep -oE '[0-9]{12}' "$ROOT/tests/data/external/personnummer/personnummer-meta-allPins.json" >"$TMP/pins.txt"
STDIN=$TMP/pins.txt expect_exit 0 "all Skatteverket test personnummer from stdin" -- pnr --today 2026-11-22 --compact -
checks=$((checks + 1))
valid=$(grep -o '"valid":true' "$TMP/out" | wc -l)
if [ "$valid" != 41129 ]; then echo "FAIL expected 41129 valid numbers, got $valid"; failures=$((failures + 1)); fi

echo "cli: $checks checks, $failures failures"
[ "$failures" = 0 ]
