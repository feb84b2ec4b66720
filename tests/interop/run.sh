#!/bin/sh
# tests/interop/run.sh BUILD_DIR FW_BUILD_DIR - `make test-interop`: both
# nginx suites, TLS (test_nginx.py: chains, versions, resumption, SNI) and
# front-end answers (test_nginx_front_end.py: 502/504 after the upstream
# executed, 413, 429 with Retry-After, 301), each starting and stopping its
# own nginx and emulator. Prints both logs, then one summed last line
# "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
b=$1; fw=$2
mkdir -p "$b"
python3 tests/interop/test_nginx.py "$b" "$fw" > "$b/interop-tls.log" 2>&1; a=$?
python3 tests/interop/test_nginx_front_end.py "$b" > "$b/interop-front-end.log" 2>&1; c=$?
cat "$b/interop-tls.log" "$b/interop-front-end.log" | grep -vE '^[0-9]+ passed, [0-9]+ failed$'
p=0; f=0
for l in $(cat "$b/interop-tls.log" "$b/interop-front-end.log" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tr ' ' '_'); do
    p=$((p + ${l%%_passed*})); x=${l#*passed,_}; f=$((f + ${x%%_failed*}))
done
for s in "$b/interop-tls.log" "$b/interop-front-end.log"; do
    grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$s" || f=$((f + 1))  # a suite that did not finish
done
{ [ $a -ne 0 ] || [ $c -ne 0 ]; } && [ $f -eq 0 ] && f=1
echo "$p passed, $f failed"
[ $f -eq 0 ]
