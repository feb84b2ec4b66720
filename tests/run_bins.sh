#!/bin/sh
# tests/run_bins.sh BIN... : run test binaries, sum their "N passed, N failed"
# lines, print the total as the last line, exit non-zero on any failure.
passed=0; failed=0; rc=0
for b in "$@"; do
    out=$("$b" 2>&1); r=$?
    last=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
    if [ $r -ne 0 ] || [ -z "$last" ]; then
        printf '%s\n' "$out" | tail -n 40
        echo "FAILED: $b (exit $r)"
        rc=1
        [ -z "$last" ] && failed=$((failed + 1))
    fi
    if [ -n "$last" ]; then
        p=${last%% passed*}; f=${last#*, }; f=${f%% failed*}
        passed=$((passed + p)); failed=$((failed + f))
        echo "  $(basename "$b"): $last"
    fi
done
echo "$passed passed, $failed failed"
[ $rc -eq 0 ] && [ $failed -eq 0 ]
