#!/bin/sh
# tests/board/bench.sh BOARD_DIR - `make bench-board` (root): what the
# MPS2-AN386 board pays for a DeleteImage call.
#
#  - flash and static RAM by origin (tools/board_breakdown.py over the map);
#  - the TLS arena peak and the stack high water measured on the target
#    (the stack is painted at reset; the firmware reports the deepest word
#    touched, so this covers lwIP, mbedTLS, the library and interrupts);
#  - guest instructions of one DeleteImage with a full TLS handshake and of
#    one on a new connection that resumes the session, against a TLS 1.3
#    server (the emulator as is) and a TLS 1.2 server (--tls-max 1.2).
#
# Instruction method: QEMU runs with `-icount shift=0`, so every guest
# instruction advances the virtual clock by exactly 1 ns, and idle time
# (WFI) is skipped. The LAN9118's FREE_RUN counter counts that virtual
# clock at 25 MHz (40 ns); the firmware counts the ticks a call took minus
# the ticks spent in WFI, x 40 = instructions executed during the call
# (interrupt handlers and lwIP timers included), within 40 per sleep (the
# counter's resolution; the sleep count is printed). The network is real:
# the emulator's answers arrive in host time, which icount's idle skipping
# turns into sleeps, not instructions.
#
# Last lines: board_full_call_instructions / board_resumed_call_instructions
# (TLS 1.3, what the emulator negotiates by default), the same two for TLS
# 1.2, and the ratios.
set -u
cd "$(dirname "$0")/../.." || exit 1
DIR=$(cd "${1:-build/board}" && pwd) || exit 1
FW="$DIR/asc-mps2-an386.elf"
PY=$(python3 -c 'import sys;print(sys.executable)')
NS="asc-bboard-$$"
TAP=ascbrd1
HOST=10.79.2.1
BOARD=10.79.2.2
TMP=$(mktemp -d)
PIDS=""

cleanup() {
    trap - EXIT INT TERM HUP
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    ip netns del "$NS" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

[ "$(id -u)" = 0 ] || { echo "bench-board needs root (network namespace, tap device)"; exit 1; }
[ -f "$FW" ] || { echo "no firmware at $FW"; exit 1; }

echo "== firmware: flash and static RAM by origin (arm-none-eabi-gcc -Os, newlib-nano, --gc-sections)"
python3 tools/board_breakdown.py "$DIR/asc-mps2-an386.map"
echo "   application's largest objects (the TLS arena, the asc work buffer; ca_pem and cmdline are TEST ONLY inputs):"
arm-none-eabi-nm -S --size-sort -r "$DIR/obj/boards/mps2-an386/main.o" | head -n 6 |
    while read -r _ size _ sym; do printf '     %-12s %6d\n' "$sym" "$((0x$size))"; done

ip netns add "$NS" || exit 1
ip netns exec "$NS" ip link set lo up &&
ip netns exec "$NS" ip tuntap add dev "$TAP" mode tap &&
ip netns exec "$NS" ip addr add "$HOST/24" dev "$TAP" &&
ip netns exec "$NS" ip link set "$TAP" up || exit 1

start_emu() { # NAME ARGS...
    name=$1; shift
    ip netns exec "$NS" "$PY" tests/emulator/server.py --port 0 --bind "$HOST" \
        --cert-hostname "$HOST" --state-dir "$TMP/ca" --image img-1 --image img-2 "$@" \
        >"$TMP/$name.json" 2>"$TMP/$name.log" &
    PIDS="$PIDS $!"
    t=0
    while [ ! -s "$TMP/$name.json" ] && [ $t -lt 300 ]; do sleep 0.1; t=$((t + 1)); done
    [ -s "$TMP/$name.json" ] || { cat "$TMP/$name.log"; echo "emulator $name did not start"; exit 1; }
    eval "P_$name=\$(\"\$PY\" -c 'import json,sys;print(json.load(open(sys.argv[1]))[\"port\"])' \"\$TMP/\$name.json\")"
}
start_emu tls13
start_emu tls12 --tls-max 1.2

# measure NAME PORT : full call, close, resumed call; prints the firmware's
# lines and sets FULL_<NAME>, RES_<NAME>.
measure() {
    name=$1; ep="$HOST:$2"; log="$TMP/$name.out"
    timeout 180 ip netns exec "$NS" qemu-system-arm -M mps2-an386 -nographic \
        -monitor none -serial none -icount shift=0 \
        -semihosting-config enable=on,target=native \
        -nic "tap,ifname=$TAP,script=no,downscript=no,model=lan9118,mac=52:54:00:12:34:56" \
        -kernel "$FW" -append "ip=$BOARD gw=$HOST ca=$TMP/ca/ca.pem time=$ep \
step=$ep,img-1,ok,full step=close step=$ep,img-2,ok,resumed" >"$log" 2>&1
    rc=$?
    echo "== $name server: one DeleteImage with a full handshake, then one on a new connection resuming the session"
    sed 's/^/   /' "$log"
    [ $rc -eq 0 ] || { echo "firmware run failed (exit $rc)"; exit 1; }
    eval "FULL_$name=$(sed -n 's/^step 1: ok .* insns=\([0-9]*\).*/\1/p' "$log")"
    eval "RES_$name=$(sed -n 's/^step 3: ok .* insns=\([0-9]*\).*/\1/p' "$log")"
}
# shellcheck disable=SC2154
measure tls13 "$P_tls13"
# shellcheck disable=SC2154
measure tls12 "$P_tls12"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
# shellcheck disable=SC2154
{
echo "board_full_call_instructions: $FULL_tls13"
echo "board_resumed_call_instructions: $RES_tls13"
echo "board_resumed_to_full_ratio: $(ratio "$RES_tls13" "$FULL_tls13") (TLS 1.3: resumption is psk_dhe_ke, the ECDHE is still done)"
echo "board_tls12_full_call_instructions: $FULL_tls12"
echo "board_tls12_resumed_call_instructions: $RES_tls12"
echo "board_tls12_resumed_to_full_ratio: $(ratio "$RES_tls12" "$FULL_tls12") (TLS 1.2: abbreviated handshake, no key exchange)"
}
