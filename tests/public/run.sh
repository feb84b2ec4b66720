#!/bin/sh
# tests/public/run.sh BINDIR SUITES : run the public suites fetched by
# tests/public/fetch.sh into SUITES with the runners built in BINDIR
# (make test-public-suites). Prints each suite's result and, last, the sum
# "N passed, N failed"; exits non-zero on any failure or sanitizer finding
# (the runners are built with -fno-sanitize-recover: a finding aborts them).
set -u
bin=$1; suites=$2
here=$(cd "$(dirname "$0")" && pwd)
passed=0; failed=0
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

suite() { # title, command...
    title=$1; shift
    out=$("$@" 2>&1); rc=$?
    printf '== %s\n%s\n' "$title" "$out"
    last=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
    if [ -n "$last" ]; then
        p=${last%% passed*}; f=${last#*, }; f=${f%% failed*}
    else
        p=0; f=1
    fi
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    [ "$p" -eq 0 ] && f=$((f + 1)) # a suite that checked nothing is a failure
    passed=$((passed + p)); failed=$((failed + f))
}

cat "$suites/PROVENANCE"
python3 "$here/json_texts.py" "$suites/json/test_parsing" > "$suites/json_texts.txt" || {
    echo "json_texts.py failed"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
suite "JSONTestSuite test_parsing ($(ls "$suites/json/test_parsing" | wc -l) files)" \
    "$bin/json_suite" --text "$suites/json_texts.txt" "$suites"/json/test_parsing/*.json
suite "JSON_checker ($(ls "$suites/json/test_checker" | wc -l) files)" \
    "$bin/json_suite" "$suites"/json/test_checker/*.json
python3 "$here/pico_cases.py" "$suites/picohttpparser/test.c" > "$suites/pico_cases.tsv" || {
    echo "pico_cases.py failed"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
suite "picohttpparser response + chunked cases, and cases derived from them" \
    "$bin/http_suite" "$suites/pico_cases.tsv"
python3 "$here/http_parser_cases.py" "$suites/http-parser/test.c" > "$suites/http_parser_cases.tsv" || {
    echo "http_parser_cases.py failed"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
suite "http-parser response cases, and cases derived from them" \
    "$bin/http_suite" "$suites/http_parser_cases.tsv"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
