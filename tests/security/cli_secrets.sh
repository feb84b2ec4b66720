#!/bin/sh
# tests/security/cli_secrets.sh ASC_BIN : the credentials in the environment
# never appear in the CLI's output (stdout, stderr), in --verbose, --dry-run,
# success, service-error, transport-error and usage-error paths; V3 and V1.
# The AccessKey secret must never appear anywhere, nor in base64/hex; the STS
# token and the AccessKeyId are masked everywhere, --dry-run included (issue
# 20.4); only --dry-run --show-secrets prints the exact request bytes.
# Last line "N passed, N failed".
set -u
ASC=${1:-build/asc}
SECRET='Sec9retAccessKeyValue-7f3a91c4'
TOKEN='CAIStsTokenValue-ab12cd34ef56'
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tSecurityTestId
export ALIBABA_CLOUD_ACCESS_KEY_SECRET=$SECRET
export ALIBABA_CLOUD_SECURITY_TOKEN=$TOKEN
SECRET_B64=$(printf '%s' "$SECRET" | base64 | tr -d '=\n' | cut -c1-16)
SECRET_HEX=$(printf '%s' "$SECRET" | od -An -tx1 | tr -d ' \n' | cut -c1-24)
out=$(mktemp -d)
trap 'rm -rf "$out"; [ -n "${srv:-}" ] && kill "$srv" 2>/dev/null' EXIT INT TERM
passed=0; failed=0
N="--nonce 0123456789abcdef0123456789abcdef --timestamp 2026-01-01T00:00:00Z --allow-any-timestamp"

# A one-connection-at-a-time plain HTTP server on loopback answering every
# request with a service error (the error path prints Code/Message).
port_file=$out/port
python3 - "$port_file" <<'PY' &
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(8)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
body = (b'{"RequestId":"R","Code":"SignatureDoesNotMatch","Message":"The request '
        b'signature does not conform to Aliyun standards. server string to sign is:POST"}')
while True:
    c, _ = s.accept()
    c.settimeout(5)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            d = c.recv(4096)
            if not d: break
            data += d
        c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                  b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    except OSError:
        pass
    c.close()
PY
srv=$!
i=0; while [ ! -f "$port_file" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$port_file" 2>/dev/null || echo 1)

# name, token_allowed_on_stdout (0/1), command...
case_run() {
    name=$1; tok_ok=$2; shift 2
    "$@" >"$out/o" 2>"$out/e"; rc=$?
    bad=""
    for f in o e; do
        for pat in "$SECRET" "$SECRET_B64" "$SECRET_HEX"; do
            grep -qF -- "$pat" "$out/$f" && bad="$bad secret($pat) in std$f"
        done
    done
    grep -qF -- "$TOKEN" "$out/e" && bad="$bad token in stderr"
    [ "$tok_ok" = 0 ] && grep -qF -- "$TOKEN" "$out/o" && bad="$bad token in stdout"
    # the run must have produced something (the case really ran); a
    # --dry-run must have succeeded (not stopped at a usage error)
    [ -s "$out/o" ] || [ -s "$out/e" ] || bad="$bad no output"
    case "$name" in dry-run*) [ "$rc" = 0 ] || bad="$bad dry-run failed";; esac
    if [ -z "$bad" ]; then
        passed=$((passed + 1)); echo "ok   $name (exit $rc)"
    else
        failed=$((failed + 1)); echo "FAIL $name:$bad (exit $rc)"; sed -n 1,20p "$out/o" "$out/e"
    fi
}

case_run "dry-run v3" 0 "$ASC" DeleteImage --ImageId img-1 --dry-run $N
case_run "dry-run v1" 0 "$ASC" DeleteImage --ImageId img-1 --dry-run --signature v1 $N
case_run "dry-run verbose v3" 0 "$ASC" DeleteImage --ImageId img-1 --dry-run --verbose $N
case_run "dry-run verbose v1" 0 "$ASC" DeleteImage --ImageId img-1 --dry-run --verbose --signature v1 $N
case_run "dry-run --show-secrets" 1 "$ASC" DeleteImage --ImageId img-1 --dry-run --show-secrets $N
case_run "verbose service error v3" 0 "$ASC" DeleteImage --ImageId img-1 --verbose \
    --insecure-plaintext-http --endpoint 127.0.0.1:$PORT --retries 0
case_run "verbose service error v1" 0 "$ASC" DeleteImage --ImageId img-1 --verbose --signature v1 \
    --insecure-plaintext-http --endpoint 127.0.0.1:$PORT --retries 0
case_run "verbose connection refused" 0 "$ASC" DeleteImage --ImageId img-1 --verbose \
    --insecure-plaintext-http --endpoint 127.0.0.1:1 --retries 1 --timeout-ms 500
case_run "verbose TLS, missing CA file" 0 "$ASC" DeleteImage --ImageId img-1 --verbose \
    --endpoint 127.0.0.1:$PORT --ca-file /nonexistent/ca.pem --retries 0
case_run "verbose TLS against plain HTTP" 0 "$ASC" DeleteImage --ImageId img-1 --verbose \
    --endpoint 127.0.0.1:$PORT --retries 0 --timeout-ms 2000
case_run "usage error" 0 "$ASC" DeleteImage --ImageId img-1 --signature v9 --verbose
case_run "unknown action verbose" 0 "$ASC" ListImage --PageSize 10 --verbose \
    --insecure-plaintext-http --endpoint 127.0.0.1:$PORT --retries 0

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
