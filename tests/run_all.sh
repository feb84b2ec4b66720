#!/bin/sh
# tests/run_all.sh - `make test`: the unit suite in every configuration the
# Makefile offers (gcc/clang x mbedTLS 3.6/2.28, sanitizers, V3-only), the
# zero-heap check, the emulator and official-SDK tests, end-to-end tests.
# Last line: "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 1
JOBS=${JOBS:-2}
passed=0; failed=0; log=build/test-logs
mkdir -p "$log"

tally() { # name, output file, exit code
    last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
    if [ -n "$last" ]; then
        p=${last%% passed*}; f=${last#*, }; f=${f%% failed*}
    else
        p=0; f=1
    fi
    if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        tail -n 60 "$2"
        echo "== $1: FAILED ($p passed, $f failed; log $2)"
    else
        echo "== $1: $p passed"
    fi
}

run() { # name, command...
    name=$1; shift
    out="$log/$(echo "$name" | tr ' /=' '___').log"
    "$@" >"$out" 2>&1
    tally "$name" "$out" $?
}

# Dependencies first, once (apt installs, mbedTLS 3.6 source build).
make -s deps >"$log/deps.log" 2>&1 || { tail -n 40 "$log/deps.log"; echo "deps failed"; echo "0 passed, 1 failed"; exit 1; }

# CC MBEDTLS SAN V1 FULL [CLOCK_SYNC] (FULL=0: the lean firmware profile of
# asc_config.h; CLOCK_SYNC=1 on top of it is the lwIP boards' configuration)
for cfg in "gcc 36 0 1 1" "gcc 228 0 1 1" "clang 36 0 1 1" "clang 228 0 1 1" \
           "gcc 36 1 1 1" "clang 228 1 1 1" "gcc 36 0 0 1" \
           "gcc 36 1 1 0" "clang 228 0 0 0" "gcc 228 1 1 0 1" "gcc 36plain 1 1 1"; do
    set -- $cfg
    clock=${6:-0}
    b="build/cfg-$1-mbed$2$( [ "$3" = 1 ] && echo -san)$( [ "$4" = 0 ] && echo -v3only)$( [ "$5" = 0 ] && echo -lean)$( [ "$clock" = 1 ] && echo -clock)"
    run "unit CC=$1 MBEDTLS=$2 SAN=$3 V1=$4 FULL=$5$( [ "$clock" = 1 ] && echo ' CLOCK_SYNC=1')" \
        make -s -j"$JOBS" check CC="$1" MBEDTLS="$2" SAN="$( [ "$3" = 1 ] && echo 1)" V1="$4" FULL="$5" BUILD="$b" \
             EXTRA_CFLAGS="$( [ "$clock" = 1 ] && echo -DASC_ENABLE_CLOCK_SYNC=1)" ASAN_OPTIONS=detect_leaks=1
done

# Public suites file for file against the strict parsers, ASan + UBSan
# (issue 14): JSONTestSuite, JSON_checker, picohttpparser, http-parser
# (tests/public/).
run "public suites (JSONTestSuite, JSON_checker, picohttpparser, http-parser; strict, ASan+UBSan)" make -s test-public-suites

run "build keyed by configuration" sh tests/buildsys/test_config_keyed.sh
run "mbedTLS requirements named at compile time" sh tests/buildsys/test_mbedtls_requirements.sh

run "check-heap" sh -c 'make -s check-heap && echo "1 passed, 0 failed"'

if [ -x tests/emulator/run_tests.sh ] || [ -f tests/emulator/run_tests.sh ]; then
    run "emulator + official SDK" bash tests/emulator/run_tests.sh
fi

# A device's life in miniature (issue 21): 300 calls of every kind in the
# documented arena; the long form is make soak (2,400 calls).
[ -f mk/soak.mk ] && run "soak, short (300 calls, ASC_TLS_ARENA_BYTES)" make -s soak SOAK_CALLS=300

run "signing vectors regenerate from the official SDK" make -s check-vectors

# Frama-C EVA: no run-time error in time.c, util.c, http_parse.c and
# json.c for every input up to the bounds of tests/prove/README.md, both
# profiles, every remaining alarm argued in tests/prove/argued-alarms.txt
# (issue 17; installs frama-c-base when missing). The json bounds are
# lowered here to stay within a few minutes; make prove runs the full ones.
[ -f mk/prove.mk ] && run "Frama-C EVA proofs (make prove: time, util, http, json x FULL=0/1)" \
    make -s prove PROVE_HARNESSES="time util http json" PROVE_JSON_BOUND=3 PROVE_JSON_VALUE_BOUND=3
# The signer (src/sign.c with util.c and time.c) in the lean profile: ~5
# minutes; make prove adds the strict profile (~40 minutes).
[ -f mk/prove.mk ] && run "Frama-C EVA proofs (make prove: sign x FULL=0, SIGN_BOUND=1)" \
    make -s prove PROVE_HARNESSES=sign PROVE_PROFILES=0 SIGN_BOUND=1
# Frama-C WP: the ACSL contracts of util.c's helpers (tests/prove/wp,
# tests/prove/WP.md) proven with Qed and CVC4 (installs why3 and cvc4).
[ -f mk/wp.mk ] && run "Frama-C WP contracts (make prove-wp: util.c helpers x FULL=0/1)" make -s prove-wp

if [ -f tests/e2e/run.sh ]; then
    run "end-to-end" sh tests/e2e/run.sh
    # The same, against a platform-style mbedTLS: unpatched 3.6, minimal
    # configuration, the platform's heap (port/mbedtls/README.md).
    run "end-to-end MBEDTLS=36plain" env MBEDTLS=36plain BUILD=build/cfg-gcc-mbed36plain sh tests/e2e/run.sh
fi

run "integration: pkg-config, CMake find_package/add_subdirectory, Cortex-M4, CROSS=" make -s test-cmake

# Suites that live in their own makefiles (lwIP on a tap device, ARM under
# QEMU, the board firmware under QEMU on a tap device, static analysis and
# the coverage gate); each ends "N passed, N failed".
[ -f mk/lwip.mk ] && run "lwIP port on a tap device" make -s test-lwip
[ -f mk/arm.mk ] && run "ARM (QEMU)" make -s test-arm
[ -f mk/board.mk ] && run "MPS2-AN386 firmware over its LAN9118 (QEMU, tap)" make -s test-board
[ -f mk/interop.mk ] && run "interop: nginx front end" make -s test-interop
# The same front ends against a platform-style mbedTLS (issue 25): unpatched
# 3.6, minimal configuration, the platform's heap.
[ -f mk/interop.mk ] && run "interop: nginx front end, MBEDTLS=36plain" \
    make -s test-interop MBEDTLS=36plain BUILD=build/cfg-gcc-mbed36plain
[ -f mk/hardening.mk ] && run "lint" make -s lint-report
[ -f mk/hardening.mk ] && run "coverage gate" make -s coverage-gate

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
