#!/bin/sh
# End-to-end tests: build/asc against the emulator over TLS.
set -u
cd "$(dirname "$0")/../.." || exit 1
make -s cli BUILD=${BUILD:-build} >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
# The CLI honours the proxy variables: the tests set them themselves.
unset HTTPS_PROXY https_proxy ALL_PROXY all_proxy HTTP_PROXY http_proxy NO_PROXY no_proxy
# Debian's tinyproxy for the proxy tests (tests/e2e/test_proxy.py).
sh mk/apt.sh tinyproxy >/dev/null 2>&1 || echo "e2e: could not install tinyproxy" >&2
python3 tests/e2e/test_cli.py "${BUILD:-build}" > build/e2e-cli.log 2>&1; a=$?
python3 tests/e2e/test_dryrun_vectors.py "${BUILD:-build}" > build/e2e-dry.log 2>&1; b=$?
python3 tests/e2e/test_proxy.py "${BUILD:-build}" > build/e2e-proxy.log 2>&1; c=$?
python3 tests/e2e/test_creds.py "${BUILD:-build}" > build/e2e-creds.log 2>&1 || b=1
cat build/e2e-cli.log build/e2e-dry.log build/e2e-proxy.log build/e2e-creds.log | grep -vE '^[0-9]+ passed, [0-9]+ failed$'
p=0; f=0
for l in $(cat build/e2e-cli.log build/e2e-dry.log build/e2e-proxy.log build/e2e-creds.log | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tr ' ' '_'); do
    p=$((p + ${l%%_passed*})); x=${l#*passed,_}; f=$((f + ${x%%_failed*}))
done
{ [ $a -ne 0 ] || [ $b -ne 0 ] || [ $c -ne 0 ]; } && [ $f -eq 0 ] && f=1
echo "$p passed, $f failed"
[ $f -eq 0 ]
