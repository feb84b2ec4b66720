#!/bin/sh
# The compile-time check of src/mbedtls_requirements.h: starting from the
# minimal configuration port/mbedtls/configs/asc_mbedtls_min_tls.h (which
# must compile cleanly), each option the library needs is removed in turn;
# compiling the file that needs it must then fail with asc's #error naming
# that option. Run by make test ("mbedTLS requirements"); needs the unpacked
# mbedTLS 3.6 source (make deps).
set -u
cd "$(dirname "$0")/../.." || exit 1
MBED=build/deps/mbedtls-3.6/include
[ -d "$MBED" ] || { echo "no $MBED (run make deps)"; echo "0 passed, 1 failed"; exit 1; }
[ -f build/include/jsmn.h ] || make -s build/include/jsmn.h >/dev/null
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
ok()   { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }

# compile FILE V1 [OPTION]: tls.c / hash_mbedtls.c against the minimal
# configuration without OPTION (with ASC_ENABLE_PSA_KEYS=$PSA); output in
# $tmp/out.
PSA=0
compile() {
    { echo '#include "asc_mbedtls_min_tls.h"'; [ -n "${3:-}" ] && echo "#undef $3"; } > "$tmp/cfg.h"
    gcc -std=c99 -fsyntax-only -DASC_ENABLE_V1="$2" -DASC_ENABLE_PSA_KEYS="$PSA" -D_POSIX_C_SOURCE=200809L \
        -Iinclude -Isrc -Iport/posix -Ibuild/include -isystem "$MBED" \
        -I"$tmp" -Iport/mbedtls/configs -DMBEDTLS_CONFIG_FILE='"cfg.h"' \
        "$1" > "$tmp/out" 2>&1
}

for f in src/tls.c src/hash_mbedtls.c; do
    if compile "$f" 1; then ok "$f compiles against the minimal configuration"
    else fail "$f against the minimal configuration"; sed -n 1,10p "$tmp/out"; fi
done

# FILE V1 OPTION: removing OPTION must stop the build naming it.
while read -r file v1 opt; do
    [ -n "$file" ] || continue
    if compile "$file" "$v1" "$opt"; then
        fail "without $opt: $file still compiles"
    elif grep -q "#error \"asc.*$opt\|#error \"mbedTLS 3.6's TLS 1.3 needs $opt" "$tmp/out"; then
        ok "without $opt: $file stops, naming it"
    else
        fail "without $opt: $file failed without asc's message"; sed -n 1,6p "$tmp/out"
    fi
done <<'LIST'
src/hash_mbedtls.c 1 MBEDTLS_SHA256_C
src/hash_mbedtls.c 1 MBEDTLS_SHA1_C
src/tls.c 1 MBEDTLS_SSL_TLS_C
src/tls.c 1 MBEDTLS_SSL_CLI_C
src/tls.c 1 MBEDTLS_X509_CRT_PARSE_C
src/tls.c 1 MBEDTLS_PEM_PARSE_C
src/tls.c 1 MBEDTLS_BASE64_C
src/tls.c 1 MBEDTLS_SSL_SERVER_NAME_INDICATION
src/tls.c 1 MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED
src/tls.c 1 MBEDTLS_PSA_CRYPTO_C
LIST

# V1 off: SHA-1 is not needed.
if compile src/hash_mbedtls.c 0 MBEDTLS_SHA1_C; then ok "ASC_ENABLE_V1=0 builds without MBEDTLS_SHA1_C"
else fail "ASC_ENABLE_V1=0 without MBEDTLS_SHA1_C"; sed -n 1,6p "$tmp/out"; fi

# ASC_ENABLE_PSA_KEYS: the signer on PSA keys needs MBEDTLS_PSA_CRYPTO_C
# (the minimal configuration has it) and mbedTLS 3.x.
PSA=1
for f in src/hash_mbedtls.c src/sign.c; do
    if compile "$f" 1; then ok "ASC_ENABLE_PSA_KEYS=1: $f compiles against the minimal configuration"
    else fail "ASC_ENABLE_PSA_KEYS=1: $f against the minimal configuration"; sed -n 1,10p "$tmp/out"; fi
done
if compile src/hash_mbedtls.c 1 MBEDTLS_PSA_CRYPTO_C; then
    fail "ASC_ENABLE_PSA_KEYS=1 without MBEDTLS_PSA_CRYPTO_C: still compiles"
elif grep -q '#error "asc.s ASC_ENABLE_PSA_KEYS needs mbedTLS 3.x with MBEDTLS_PSA_CRYPTO_C' "$tmp/out"; then
    ok "ASC_ENABLE_PSA_KEYS=1 without MBEDTLS_PSA_CRYPTO_C: stops, naming it"
else
    fail "ASC_ENABLE_PSA_KEYS=1 without MBEDTLS_PSA_CRYPTO_C: failed without asc's message"; sed -n 1,6p "$tmp/out"
fi
# Against Debian's mbedTLS 2.28 (MBEDTLS=228, /usr/include): the knob stops
# the build naming the requirement (the knob off: it compiles).
if grep -qs 'define MBEDTLS_VERSION_MAJOR  *2' /usr/include/mbedtls/version.h; then
    for psa in 0 1; do
        gcc -std=c99 -fsyntax-only -DASC_ENABLE_PSA_KEYS=$psa -DASC_MBEDTLS_SYSTEM=1 \
            -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc -Iport/posix -Ibuild/include \
            src/hash_mbedtls.c > "$tmp/out" 2>&1
        r=$?
        if [ $psa = 0 ] && [ $r = 0 ]; then ok "mbedTLS 2.28: hash_mbedtls.c compiles without ASC_ENABLE_PSA_KEYS"
        elif [ $psa = 1 ] && [ $r != 0 ] && \
             grep -q '#error "asc.s ASC_ENABLE_PSA_KEYS needs mbedTLS 3.x' "$tmp/out"; then
            ok "mbedTLS 2.28 with ASC_ENABLE_PSA_KEYS=1: stops, naming mbedTLS 3.x + MBEDTLS_PSA_CRYPTO_C"
        else fail "mbedTLS 2.28, ASC_ENABLE_PSA_KEYS=$psa (exit $r)"; sed -n 1,6p "$tmp/out"; fi
    done
else
    echo "skip mbedTLS 2.28 with ASC_ENABLE_PSA_KEYS: no 2.28 headers in /usr/include (make deps MBEDTLS=228)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
