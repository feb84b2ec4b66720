#!/bin/sh
# tests/lwip/run.sh OUT_DIR [LWIP_SRC] - end-to-end tests of the lwIP ports
# (run by `make test-lwip`, as root). OUT_DIR holds lwip_e2e_sock /
# lwip_e2e_raw; LWIP_SRC is the unpacked lwIP (for the config matrix).
#
# A network namespace of our own (name includes $$) with one tap device per
# flavour: the Linux side of tap N is 10.77.N.1/24 and runs the emulator(s),
# the test program (lwIP on the same tap, via tapif.c) is 10.77.N.2. Both
# ends live inside the namespace; nothing is routed anywhere else. The
# namespace, the emulators and the temp files go away on any exit (trap).
# Last line: "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
OUT=$(cd "${1:-build/lwip}" && pwd) || { echo "0 passed, 1 failed"; exit 1; }
LWIP_SRC=${2:-build/deps/lwip-2.1}
PY=$(python3 -c 'import sys;print(sys.executable)')
NS="asc-lwip-$$"
TMP=$(mktemp -d)
PIDS=""
passed=0; failed=0

cleanup() {
    trap - EXIT INT TERM HUP
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    ip netns del "$NS" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

if [ "$(id -u)" != 0 ]; then
    echo "test-lwip needs root (network namespace, tap devices)"
    echo "0 passed, 1 failed"; exit 1
fi
nsx() { ip netns exec "$NS" "$@"; }

ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }

ip netns add "$NS" || { echo "ip netns add failed"; echo "0 passed, 1 failed"; exit 1; }
nsx ip link set lo up
for n in 1 2; do
    nsx ip tuntap add dev "asctap$n" mode tap &&
    nsx ip addr add "10.77.$n.1/24" dev "asctap$n" &&
    nsx ip link set "asctap$n" up || { echo "tap setup failed"; echo "0 passed, 1 failed"; exit 1; }
done

# start_emu NAME N ARGS... : emulator on 10.77.N.1 inside the namespace.
IMAGES=""
i=0
while [ $i -lt 80 ]; do IMAGES="$IMAGES --image img-list-$i"; i=$((i + 1)); done
start_emu() {
    name=$1; n=$2; shift 2
    # Not through nsx (a function: $! would be a subshell, not the
    # emulator). `ip netns exec` execs the interpreter, so $! is its pid.
    # shellcheck disable=SC2086
    ip netns exec "$NS" "$PY" tests/emulator/server.py --port 0 --bind "10.77.$n.1" \
        --cert-hostname "10.77.$n.1" --cert-hostname emu.asc.test \
        --image img-1 --image img-2 --image img-3 --image img-4 $IMAGES "$@" \
        >"$TMP/$name.json" 2>"$TMP/$name.log" &
    PIDS="$PIDS $!"
}
emu_field() { # NAME FIELD
    "$PY" -c 'import json,sys;print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$TMP/$1.json" "$2"
}

for n in 1 2; do
    mkdir -p "$TMP/st$n"
    start_emu "main$n" $n --state-dir "$TMP/st$n"
    start_emu "delay$n" $n --fault delay,seconds=6,count=100
    start_emu "close$n" $n --fault close,after=40,count=100
    start_emu "big$n" $n --fault oversized,size=12000,count=100
done
for name in main1 delay1 close1 big1 main2 delay2 close2 big2; do
    t=0
    while [ ! -s "$TMP/$name.json" ] && [ $t -lt 300 ]; do sleep 0.1; t=$((t + 1)); done
    if [ ! -s "$TMP/$name.json" ]; then
        cat "$TMP/$name.log"; echo "emulator $name did not start"; echo "0 passed, 1 failed"; exit 1
    fi
done

# A server that resets (RST) mid-response, with the main emulator's
# certificate (its --state-dir).
for n in 1 2; do
    ip netns exec "$NS" "$PY" tests/lwip/rst_server.py "10.77.$n.1" "$TMP/st$n/server.pem" \
        "$TMP/st$n/server.key" >"$TMP/rst$n.json" 2>"$TMP/rst$n.log" &
    PIDS="$PIDS $!"
done
for name in rst1 rst2; do
    t=0
    while [ ! -s "$TMP/$name.json" ] && [ $t -lt 100 ]; do sleep 0.1; t=$((t + 1)); done
    [ -s "$TMP/$name.json" ] || { cat "$TMP/$name.log"; echo "$name did not start"; echo "0 passed, 1 failed"; exit 1; }
done

# case FLAVOUR N NAME ARGS... : one run of the test program.
run_case() {
    fl=$1; n=$2; name=$3; shift 3
    log="$TMP/case.log"
    # Leak check on for the raw flavour; off for sockets, whose unix
    # sys_arch threads (and their mailboxes) never exit.
    leaks=1; [ "$fl" = sock ] && leaks=0
    if ASAN_OPTIONS=detect_leaks=$leaks UBSAN_OPTIONS=print_stacktrace=1 timeout 60 \
        ip netns exec "$NS" "$OUT/lwip_e2e_$fl" tap="asctap$n" ip="10.77.$n.2" gw="10.77.$n.1" \
        "$@" >"$log" 2>&1; then
        ok "$fl: $name ($(head -n 1 "$log"))"
    else
        bad "$fl: $name"
        sed 's/^/     /' "$log" | tail -n 40
    fi
}

for fl in sock raw; do
    if [ "$fl" = sock ]; then n=1; else n=2; fi
    gw="10.77.$n.1"
    for e in main delay close big rst; do
        eval "P_$e=\$(emu_field $e$n port)"
    done
    CA=$(emu_field "main$n" ca_file)
    CA_DELAY=$(emu_field "delay$n" ca_file)
    CA_CLOSE=$(emu_field "close$n" ca_file)
    CA_BIG=$(emu_field "big$n" ca_file)

    run_case $fl $n "DeleteImage over TLS, IP literal" \
        ca="$CA" host="$gw" port="$P_main" op=delete:img-1 expect=ASC_OK code=200
    run_case $fl $n "DeleteImage over TLS, name from lwIP DNS" \
        ca="$CA" host=emu.asc.test dnsname=emu.asc.test port="$P_main" op=delete:img-2 expect=ASC_OK code=200
    run_case $fl $n "DeleteImage again: Image.NotExist" \
        ca="$CA" host="$gw" port="$P_main" op=delete:img-1 expect=ASC_E_SERVICE code=Image.NotExist
    run_case $fl $n "DeleteImage without a clock (time from Date)" \
        ca="$CA" host="$gw" port="$P_main" op=delete:img-3 clock=none attempts=3 expect=ASC_OK code=200
    run_case $fl $n "ListImage: 80 images, multi-KiB response at MTU 1500" \
        ca="$CA" host="$gw" port="$P_main" op=list:100 expect=ASC_OK minbody=8000
    run_case $fl $n "ListImage 5 times on one client (keep-alive)" \
        ca="$CA" host="$gw" port="$P_main" op=list:100 repeat=5 expect=ASC_OK minbody=8000
    run_case $fl $n "oversized 12000-byte response" \
        ca="$CA_BIG" host="$gw" port="$P_big" op=delete:img-4 expect=ASC_OK minbody=12000
    run_case $fl $n "refused connection" \
        ca="$CA" host="$gw" port=1 op=delete:img-4 expect=ASC_E_CONNECT maxms=3000
    run_case $fl $n "connect timeout (no such host on the link)" \
        ca="$CA" host="10.77.$n.9" port="$P_main" connect_ms=1500 op=delete:img-4 \
        expect=ASC_E_TIMEOUT maxms=4000
    run_case $fl $n "unknown name: DNS failure" \
        ca="$CA" host=nosuch.asc.test port="$P_main" op=delete:img-4 expect=ASC_E_DNS maxms=2000
    run_case $fl $n "response delayed past the I/O timeout" \
        ca="$CA_DELAY" host="$gw" port="$P_delay" io_ms=1500 op=delete:img-4 \
        expect=ASC_E_TIMEOUT maxms=5000
    run_case $fl $n "connection closed mid-response" \
        ca="$CA_CLOSE" host="$gw" port="$P_close" op=delete:img-4 \
        expect="ASC_E_CLOSED|ASC_E_IO" maxms=5000

    run_case $fl $n "closed mid-response, 3 attempts x 3 calls (9 connections)" \
        ca="$CA_CLOSE" host="$gw" port="$P_close" op=delete:img-4 attempts=3 repeat=3 \
        expect="ASC_E_CLOSED|ASC_E_IO" maxms=5000
    run_case $fl $n "connection reset (RST) mid-response" \
        ca="$CA" host="$gw" port="$P_rst" op=delete:img-4 expect=ASC_E_IO maxms=5000
    run_case $fl $n "certificate not for the name: refused" \
        ca="$CA" host=wrong.asc.test dnsname=wrong.asc.test port="$P_main" op=delete:img-4 \
        expect=ASC_E_TLS_CERT
    # The README's wiring example for this flavour compiled (make lwip-bins).
    if [ "$fl" = sock ]; then ex=sockets_task; else ex=bare_metal; fi
    if [ -f "$OUT/$fl/asc/port/lwip/examples/$ex.o" ]; then
        ok "$fl: wiring example port/lwip/examples/$ex.c compiles (strict flags)"
    else
        bad "$fl: wiring example port/lwip/examples/$ex.c did not compile"
    fi

    # Other lwIP configurations compile (IPv6, no DNS).
    sh tests/lwip/config_matrix.sh "$fl" "$LWIP_SRC" > "$TMP/matrix.log" 2>&1
    while IFS= read -r line; do
        case "$line" in
            "ok "*) ok "${line#ok }" ;;
            "FAIL "*) bad "${line#FAIL }" ;;
            *) echo "$line" ;;
        esac
    done < "$TMP/matrix.log"

    # The port objects reference no allocator (zero heap in port/).
    objs=$(find "$OUT/$fl/asc/port" -name 'asc_port_lwip_*.o')
    if [ -n "$objs" ] && ! nm -u $objs | grep -Eq '\b(malloc|calloc|realloc|free|aligned_alloc|posix_memalign)$'; then
        ok "$fl: port objects reference no allocator (nm -u)"
    else
        bad "$fl: port objects reference an allocator"; nm -u $objs | grep -E 'alloc|free'
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
