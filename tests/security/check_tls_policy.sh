#!/bin/sh
# tests/security/check_tls_policy.sh : certificate verification cannot be
# disabled through the API. Static checks over include/, src/, port/:
#  - src/tls.c sets MBEDTLS_SSL_VERIFY_REQUIRED (exactly one authmode call);
#  - nothing anywhere mentions VERIFY_NONE / VERIFY_OPTIONAL;
#  - the verify callback never clears mbedTLS's verification flags;
#  - no public declaration offers to skip verification (verify/insecure/
#    skip/noverify/allow_invalid in a function or field name), except the
#    one documented escape hatch asc_client_config.insecure_plaintext_http.
# Last line "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
passed=0; failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }

n=$(grep -c 'mbedtls_ssl_conf_authmode' src/tls.c)
r=$(grep -c 'mbedtls_ssl_conf_authmode(&t->conf, MBEDTLS_SSL_VERIFY_REQUIRED)' src/tls.c)
if [ "$n" = 1 ] && [ "$r" = 1 ]; then ok "authmode REQUIRED, set once"; else bad "authmode calls: $n, REQUIRED: $r"; fi

if grep -rnE 'VERIFY_NONE|VERIFY_OPTIONAL|ssl_set_hs_authmode' include src port; then
    bad "verification can be weakened (see above)"
else ok "no VERIFY_NONE / VERIFY_OPTIONAL / per-handshake authmode"; fi

if grep -nE '\*flags[[:space:]]*(=|&=)' src/tls.c; then bad "verify callback rewrites flags"
else ok "verify callback leaves the flags alone"; fi

# (comments blanked first, with the banned-function checker's lexer)
hits=$(python3 - include/*.h port/*/*.h <<'PY'
import re, sys
sys.path.insert(0, "tests/lint")
from banned import blank
pat = re.compile(r"\w*(verify|insecure|skip|noverify|allow_invalid|unsafe)\w*\s*[;(\[]", re.I)
for f in sys.argv[1:]:
    for no, line in enumerate(blank(open(f).read()).split("\n"), 1):
        for m in pat.finditer(line):
            if m.group(0).startswith("insecure_plaintext_http"):
                continue
            print(f"{f}:{no}: {line.strip()}")
PY
)
if [ -n "$hits" ]; then echo "$hits"; bad "public API offers to skip verification"
else ok "only insecure_plaintext_http opts out of TLS"; fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
