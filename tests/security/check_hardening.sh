#!/bin/sh
# tests/security/check_hardening.sh BIN... : each host program is built
# hardened (issue 20.9): PIE, full RELRO (GNU_RELRO + BIND_NOW), stack
# protector and _FORTIFY_SOURCE (their libc entry points are linked), no
# executable stack. For build/asc also: a running process has no core
# dumps (RLIMIT_CORE 0 even when the shell allows them, not dumpable).
# Last line "N passed, N failed".
set -u
passed=0; failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { # name, condition command...
    n=$1; shift
    if "$@" >/dev/null 2>&1; then ok "$n"; else bad "$n"; fi
}
for bin in "$@"; do
    h=$(readelf -h "$bin" 2>/dev/null); l=$(readelf -lW "$bin" 2>/dev/null)
    d=$(readelf -dW "$bin" 2>/dev/null)
    # Only the dynamic symbols (the libc entry points are imported): the full
    # symbol table of build/asc passed 128 KiB, more than one argument may hold.
    s=$(readelf -W --dyn-syms "$bin" 2>/dev/null)
    check "$bin: PIE" sh -c 'printf "%s" "$1" | grep -q "Type:.*DYN"' _ "$h"
    check "$bin: RELRO" sh -c 'printf "%s" "$1" | grep -q GNU_RELRO' _ "$l"
    check "$bin: BIND_NOW (full RELRO)" sh -c 'printf "%s" "$1" | grep -Eq "BIND_NOW|FLAGS_1.*NOW"' _ "$d"
    check "$bin: stack protector" sh -c 'printf "%s" "$1" | grep -q __stack_chk_fail' _ "$s"
    check "$bin: _FORTIFY_SOURCE" sh -c 'printf "%s" "$1" | grep -Eq "__[a-z]+_chk@"' _ "$s"
    check "$bin: no executable stack" sh -c 'printf "%s" "$1" | grep GNU_STACK | grep -qv RWE' _ "$l"
done

# build/asc at run time: a server that accepts and never answers keeps it
# waiting while /proc shows its limits.
for bin in "$@"; do
    case "$bin" in */asc) ;; *) continue;; esac
    dir=$(mktemp -d)
    python3 - "$dir/port" <<'PY' &
import os, socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1])); os.rename(sys.argv[1] + ".tmp", sys.argv[1])
c, _ = s.accept(); time.sleep(20)
PY
    srv=$!
    i=0; while [ ! -f "$dir/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    as=""; [ "$(id -u)" = 0 ] && as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
    (ulimit -c unlimited 2>/dev/null; ALIBABA_CLOUD_ACCESS_KEY_ID=id ALIBABA_CLOUD_ACCESS_KEY_SECRET=s \
        exec $as "$bin" ListImage --insecure-plaintext-http --endpoint "127.0.0.1:$(cat "$dir/port")" \
        --retries 0 --timeout-ms 5000) >/dev/null 2>&1 &
    cli=$!
    sleep 1
    lim=$(grep "Max core file size" /proc/$cli/limits 2>/dev/null | awk '{print $5 " " $6}')
    if [ "$lim" = "0 0" ]; then ok "$bin: core dumps off (RLIMIT_CORE 0 0)"; else bad "$bin: core limit '$lim'"; fi
    # Not dumpable: its /proc/PID files belong to root whatever user runs it
    # (as root, the CLI runs as nobody so that the owner tells).
    own=$(stat -c %U /proc/$cli/mem 2>/dev/null)
    if [ "$own" = root ]; then ok "$bin: not dumpable"; else bad "$bin: dumpable (/proc owner '$own')"; fi
    kill "$cli" 2>/dev/null; wait "$cli" 2>/dev/null
    kill "$srv" 2>/dev/null; wait "$srv" 2>/dev/null
    rm -rf "$dir"
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
