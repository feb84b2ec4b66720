#!/bin/sh
# tests/arm/tally.sh NAME PREFIX [NAME PREFIX]... : PREFIX.log holds a
# suite's output ending "N passed, N failed", PREFIX.rc its exit status.
# Prints each suite's line (the log's tail on failure), then the sum.
passed=0; failed=0
while [ $# -ge 2 ]; do
    name=$1; pre=$2; shift 2
    rc=$(cat "$pre.rc" 2>/dev/null || echo 1)
    last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$pre.log" | tail -n 1)
    if [ -n "$last" ]; then
        p=${last%% passed*}; f=${last#*, }; f=${f%% failed*}
    else
        p=0; f=0
    fi
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    if [ "$f" -ne 0 ]; then
        tail -n 40 "$pre.log"
        echo "== $name: FAILED ($p passed, $f failed; log $pre.log)"
    else
        grep -E '^  test_' "$pre.log" | sed "s/^/  /"
        echo "== $name: $p passed"
    fi
    passed=$((passed + p)); failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
