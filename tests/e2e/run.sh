#!/bin/sh
# End-to-end tests: build/asc against the emulator over TLS.
set -u
cd "$(dirname "$0")/../.." || exit 1
make -s cli BUILD=${BUILD:-build} >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
exec python3 tests/e2e/test_cli.py "${BUILD:-build}"
