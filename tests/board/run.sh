#!/bin/sh
# tests/board/run.sh BOARD_DIR - `make test-board` (root): the MPS2-AN386
# firmware (boards/mps2-an386) under qemu-system-arm, over its own LAN9118
# Ethernet, against the emulator.
#
# A network namespace of our own (name includes $$) with one tap device:
# the Linux side is 10.79.1.1/24 and runs the emulators (certificates with
# the IP SAN 10.79.1.1, one CA for all), the board is 10.79.1.2. QEMU runs
# inside the namespace on that tap (-nic tap,model=lan9118), under a
# timeout; the firmware checks each step's outcome itself and prints
# "step N: ok|FAIL ...", and its semihosting exit code is QEMU's exit
# status. Every step line counts as one test; a step that never printed
# (crash, hang, setup failure) counts as failed. Namespace, emulators and
# temp files go away on any exit (trap). Last line: "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
DIR=$(cd "${1:-build/board}" && pwd) || { echo "0 passed, 1 failed"; exit 1; }
FW="$DIR/asc-mps2-an386.elf"
PY=$(python3 -c 'import sys;print(sys.executable)')
NS="asc-board-$$"
TAP=ascbrd0
HOST=10.79.1.1
BOARD=10.79.1.2
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

ok()  { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
die() { echo "$1"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }

if [ "$(id -u)" != 0 ]; then
    die "test-board needs root (network namespace, tap device)"
fi
[ -f "$FW" ] || die "no firmware at $FW (make board-fw)"

ip netns add "$NS" || die "ip netns add failed"
ip netns exec "$NS" ip link set lo up &&
ip netns exec "$NS" ip tuntap add dev "$TAP" mode tap &&
ip netns exec "$NS" ip addr add "$HOST/24" dev "$TAP" &&
ip netns exec "$NS" ip link set "$TAP" up || die "tap setup failed"

# [CERT_NAME=N] start_emu NAME ARGS... : an emulator on $HOST inside the
# namespace, its certificate for CERT_NAME (default $HOST), all
# sharing $TMP/ca (started one after the other: the first makes the CA,
# the others reuse it). Its pid is EMU_PID, its port P_NAME.
start_emu() {
    name=$1; shift
    # `ip netns exec` execs the interpreter, so $! is the emulator's pid.
    ip netns exec "$NS" "$PY" tests/emulator/server.py --port 0 --bind "$HOST" \
        --cert-hostname "${CERT_NAME:-$HOST}" --state-dir "$TMP/ca" "$@" \
        >"$TMP/$name.json" 2>"$TMP/$name.log" &
    EMU_PID=$!
    PIDS="$PIDS $EMU_PID"
    t=0
    while [ ! -s "$TMP/$name.json" ] && [ $t -lt 300 ]; do sleep 0.1; t=$((t + 1)); done
    [ -s "$TMP/$name.json" ] || { cat "$TMP/$name.log"; die "emulator $name did not start"; }
    eval "P_$name=\$(\"\$PY\" -c 'import json,sys;print(json.load(open(sys.argv[1]))[\"port\"])' \"\$TMP/\$name.json\")"
}

IMGS="--image img-1 --image img-2 --image img-3 --image img-4 --image img-5 --image img-6"
start_emu main $IMGS
start_emu drop $IMGS --fault drop,count=1
start_emu tls12 $IMGS --tls-max 1.2
CERT_NAME=wrong.asc.test start_emu wrongname $IMGS
# The "stopped" emulator: started, then stopped (its port now refuses).
start_emu dead $IMGS
kill "$EMU_PID"; wait "$EMU_PID" 2>/dev/null
CA="$TMP/ca/ca.pem"
# (wrongname's certificate names wrong.asc.test only: no IP SAN for $HOST.)
# shellcheck disable=SC2154
MAIN="$HOST:$P_main"; DROP="$HOST:$P_drop"; TLS12="$HOST:$P_tls12"
# shellcheck disable=SC2154
WRONG="$HOST:$P_wrongname"; DEAD="$HOST:$P_dead"

# qemu_run LOG EXTRA_QEMU_ARGS -- FIRMWARE_ARGS : boot the firmware once;
# sets RC (QEMU's exit status = the firmware's exit code; 124 on timeout).
qemu_run() {
    log=$1; shift
    qargs=""
    while [ "$1" != "--" ]; do qargs="$qargs $1"; shift; done
    shift
    # shellcheck disable=SC2086
    timeout 120 ip netns exec "$NS" qemu-system-arm -M mps2-an386 -nographic \
        -monitor none -serial none -semihosting-config enable=on,target=native \
        -nic "tap,ifname=$TAP,script=no,downscript=no,model=lan9118,mac=52:54:00:12:34:56" \
        $qargs -kernel "$FW" -append "$*" >"$log" 2>&1
    RC=$?
}

# steps RUN LOG DESCRIPTION... : one test per step line of the run; the
# descriptions name the steps in order. A missing line fails its test.
steps() {
    run=$1; log=$2; shift 2
    n=1
    for d in "$@"; do
        line=$(grep -E "^step $n: " "$log" | head -n 1)
        case "$line" in
            "step $n: ok"*) ok "$run: $d (${line#step $n: ok })" ;;
            *) bad "$run: $d"; sed 's/^/     /' "$log" | tail -n 30 ;;
        esac
        n=$((n + 1))
    done
}

# --- 1: the issue's scenarios, interrupt-driven receive, TLS 1.3 -------------
# deadline 8 s for every call; the stopped emulator and the unreachable host
# must end with a transport status within it (MAXMS 8500: the firmware's own
# clock, plus the step's bookkeeping).
L="$TMP/run1.log"
qemu_run "$L" -- ip="$BOARD" gw="$HOST" ca="$CA" time="$MAIN" rx=irq attempts=3 \
    connect=3000 io=3000 deadline=8000 \
    step="$MAIN,img-1,ok,full" \
    step="$MAIN,img-1,code:Image.NotExist,reused" \
    step=close \
    step="$MAIN,img-2,ok,resumed" \
    step="$DROP,img-3,already_deleted,any" \
    step="$DEAD,img-4,transport,any,8500" \
    step="10.79.1.9:443,img-4,transport,any,8500"
steps "irq, TLS 1.3" "$L" \
    "DeleteImage succeeds (full handshake)" \
    "the same DeleteImage again: Image.NotExist (same connection)" \
    "close the connection (session kept)" \
    "second connection resumes the TLS session" \
    "answer dropped by the emulator: retried, ends already_deleted" \
    "emulator stopped: transport error within the deadline" \
    "no such host on the link: transport error within the deadline"
if [ "$RC" -eq 0 ] && grep -q "^steps: 7 passed, 0 failed" "$L"; then
    ok "irq, TLS 1.3: firmware exit status 0 ($(grep '^board: irqs' "$L"))"
else
    bad "irq, TLS 1.3: firmware exit status $RC"
fi
# The interrupt path was really used (receive by interrupt, not by polling).
irqs=$(sed -n 's/^board: irqs=\([0-9]*\).*/\1/p' "$L")
if [ -n "$irqs" ] && [ "$irqs" -gt 0 ]; then
    ok "irq, TLS 1.3: LAN9118 interrupts taken ($irqs)"
else
    bad "irq, TLS 1.3: no LAN9118 interrupt taken"
fi
# The emulator saw the dropped request executed and the retry.
n3=$(grep -c '"image_id": "img-3"' "$TMP/drop.log")
if [ "$n3" -eq 2 ]; then
    ok "emulator log: img-3 requested twice (dropped answer, then the retry)"
else
    bad "emulator log: img-3 requested $n3 times, expected 2"
fi

# --- 2: polled receive (no interrupt), TLS 1.2 server --------------------------
L="$TMP/run2.log"
qemu_run "$L" -- ip="$BOARD" gw="$HOST" ca="$CA" time="$TLS12" rx=poll \
    step="$TLS12,img-1,ok,full" step=close step="$TLS12,img-2,ok,resumed"
steps "polled, TLS 1.2" "$L" \
    "DeleteImage succeeds (full handshake)" \
    "close the connection (session kept)" \
    "second connection resumes the TLS 1.2 session"
irqs=$(sed -n 's/^board: irqs=\([0-9]*\).*/\1/p' "$L")
if [ "$RC" -eq 0 ] && [ "$irqs" = 0 ]; then
    ok "polled, TLS 1.2: exit status 0, no interrupt taken"
else
    bad "polled, TLS 1.2: exit status $RC, irqs '$irqs'"
fi

# --- 3: the certificate is checked (time probe refuses a wrong name) ----------
L="$TMP/run3.log"
qemu_run "$L" -- ip="$BOARD" gw="$HOST" ca="$CA" time="$WRONG" step="$WRONG,img-1,ok,any"
if [ "$RC" -eq 4 ] && grep -q "status=ASC_E_TLS_CERT" "$L" && ! grep -q '"image_id"' "$TMP/wrongname.log"; then
    ok "certificate for another name: refused before any request (exit 4, ASC_E_TLS_CERT)"
else
    bad "certificate for another name: exit $RC"; tail -n 10 "$L"
fi

# --- 3b: the RTC-less clock (boards/mps2-an386/board_time.h) ---------------
# The Date probe must refuse: a certificate that expired before the firmware
# was built; a certificate not yet valid at the service's Date; a Date before
# the build time (the clock never goes back before it); a Date at which the
# certificate is not valid (far future). Each: exit 4, ASC_E_TLS_CERT, no
# API request reached the emulator.
for c in "expired:--cert-expired" "notyet:--cert-not-yet-valid" \
         "past:--clock-offset -40000000" "future:--clock-offset 400000000"; do
    name=${c%%:*}
    # shellcheck disable=SC2086
    start_emu "$name" $IMGS ${c#*:}
    eval "ep=\$HOST:\$P_$name"
    L="$TMP/run3-$name.log"
    qemu_run "$L" -- ip="$BOARD" gw="$HOST" ca="$CA" time="$ep" step="$ep,img-1,ok,any"
    if [ "$RC" -eq 4 ] && grep -q "^time: probe failed .* status=ASC_E_TLS_CERT" "$L" &&
       ! grep -q '"image_id"' "$TMP/$name.log"; then
        ok "time probe refuses ${c#*:} (exit 4, ASC_E_TLS_CERT, no request sent)"
    else
        bad "time probe with ${c#*:}: exit $RC"; tail -n 5 "$L"
    fi
done

# --- 5: ARP + ICMP, then the emulator stopped while a connection is open ----
# The firmware deletes over a kept-alive connection, then services the
# network for 6 s (step=pause) while this script pings the board (lwIP
# answers ARP and ICMP through the driver) and stops that emulator; the
# next call finds the connection closed, reconnects, is refused, and must
# end with a transport status within the deadline.
start_emu stopme $IMGS
STOPME_PID=$EMU_PID
# shellcheck disable=SC2154
STOPME="$HOST:$P_stopme"
L="$TMP/run5.log"
timeout 120 ip netns exec "$NS" qemu-system-arm -M mps2-an386 -nographic \
    -monitor none -serial none -semihosting-config enable=on,target=native \
    -nic "tap,ifname=$TAP,script=no,downscript=no,model=lan9118,mac=52:54:00:12:34:56" \
    -kernel "$FW" -append "ip=$BOARD gw=$HOST ca=$CA time=$MAIN deadline=8000 \
step=$STOPME,img-1,ok,any step=pause:6000 step=$STOPME,img-2,transport,any,8500" >"$L" 2>&1 &
QEMU_PID=$!
PIDS="$PIDS $QEMU_PID"
t=0
while ! grep -q "^step 1: " "$L" && [ $t -lt 600 ]; do sleep 0.1; t=$((t + 1)); done
if ip netns exec "$NS" ping -c 3 -i 0.3 -W 2 "$BOARD" >"$TMP/ping.log" 2>&1; then
    ok "the board answers ARP and ping over the LAN9118 ($(grep -o '[0-9]* received' "$TMP/ping.log"))"
else
    bad "the board does not answer ping"; cat "$TMP/ping.log"
fi
kill "$STOPME_PID"; wait "$STOPME_PID" 2>/dev/null
wait "$QEMU_PID"
RC=$?
steps "emulator stopped mid-session" "$L" \
    "DeleteImage succeeds (connection kept open)" \
    "network serviced while the emulator is stopped" \
    "next DeleteImage: transport error within the deadline"
[ "$RC" -eq 0 ] || bad "emulator stopped mid-session: firmware exit status $RC"

# --- 6: link state follows the PHY (QEMU monitor set_link) ------------------
# Once the firmware is up (its "time:" line), the cable is pulled (set_link
# off: QEMU's PHY reports link down and raises its interrupt); the firmware
# must see lwIP's link go down, then up again after set_link on, and a call
# must work afterwards. Interrupt-driven and polled (PHY read every 500 ms).
monitor() { # SOCKET COMMAND : one QEMU monitor command
    "$PY" - "$1" "$2" <<'PYEOF'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
for _ in range(100):
    try:
        s.connect(sys.argv[1]); break
    except OSError:
        time.sleep(0.1)
s.settimeout(2)
s.sendall(sys.argv[2].encode() + b"\n")
time.sleep(0.3)
s.close()
PYEOF
}
wait_line() { # LOG REGEX : up to 60 s
    t=0
    while ! grep -q "$2" "$1" && [ $t -lt 600 ]; do sleep 0.1; t=$((t + 1)); done
}
img=5
for rx in irq poll; do
    L="$TMP/run6-$rx.log"; MON="$TMP/mon-$rx"
    timeout 120 ip netns exec "$NS" qemu-system-arm -M mps2-an386 -nographic \
        -monitor "unix:$MON,server,nowait" -serial none \
        -semihosting-config enable=on,target=native \
        -nic "tap,id=n0,ifname=$TAP,script=no,downscript=no,model=lan9118,mac=52:54:00:12:34:56" \
        -kernel "$FW" -append "ip=$BOARD gw=$HOST ca=$CA time=$MAIN rx=$rx \
step=link:down:20000 step=link:up:20000 step=$MAIN,img-$img,ok,any" >"$L" 2>&1 &
    QEMU_PID=$!
    PIDS="$PIDS $QEMU_PID"
    wait_line "$L" "^time: "
    monitor "$MON" "set_link n0 off"
    wait_line "$L" "^step 1: "
    monitor "$MON" "set_link n0 on"
    wait "$QEMU_PID"
    RC=$?
    steps "link ($rx)" "$L" \
        "cable pulled: lwIP link goes down" \
        "cable back: lwIP link comes up" \
        "a call after the link came back"
    [ "$RC" -eq 0 ] || bad "link ($rx): firmware exit status $RC"
    img=$((img + 1))
done

# --- 4: entropy -------------------------------------------------------------
# TEST ONLY seed source pointed at a host file that does not exist: the
# firmware must refuse to run TLS (exit 3) and send nothing.
before=$(grep -c '"remote"' "$TMP/main.log")
L="$TMP/run4.log"
qemu_run "$L" -- seed=/nonexistent/asc-board-$$ ip="$BOARD" gw="$HOST" ca="$CA" \
    time="$MAIN" step="$MAIN,img-3,ok,any"
after=$(grep -c '"remote"' "$TMP/main.log")
if [ "$RC" -eq 3 ] && grep -q "TLS refused" "$L" && [ "$before" = "$after" ]; then
    ok "no entropy source: TLS refused, nothing sent (exit 3)"
else
    bad "no entropy source: exit $RC"; tail -n 10 "$L"
fi
# The board folder has no default entropy source: a firmware without one
# does not link (mk/board.mk board-link-checks kept the linker's answer).
if [ "$(cat "$DIR/link-no-entropy.rc" 2>/dev/null)" != 0 ] &&
   grep -q "undefined reference to .board_entropy_source" "$DIR/link-no-entropy.log"; then
    ok "a firmware without board_entropy_source does not link"
else
    bad "a firmware without board_entropy_source linked (or the check did not run)"
fi
# examples/cortex-m (the reference stub, issue 20): no entropy wired in, so
# it must refuse TLS: main returns ASC_E_TLS (11) from asc_tls_init instead
# of running on a predictable generator.
if [ "$(cat "$DIR/link-cortex-m-stub.rc" 2>/dev/null)" = 0 ]; then
    timeout 30 qemu-system-arm -M mps2-an386 -nographic -monitor none -serial none \
        -semihosting-config enable=on,target=native -kernel "$DIR/cortex-m-stub.elf" \
        >"$TMP/stub.log" 2>&1
    RC=$?
    if [ "$RC" -eq 11 ]; then
        ok "examples/cortex-m stub without a TRNG refuses TLS (ASC_E_TLS)"
    else
        bad "examples/cortex-m stub: exit $RC, expected 11 (ASC_E_TLS)"; tail -n 5 "$TMP/stub.log"
    fi
else
    bad "examples/cortex-m stub did not link on the board"; tail -n 10 "$DIR/link-cortex-m-stub.log"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
