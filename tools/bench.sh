#!/bin/sh
# tools/bench.sh BUILD_DIR STACK_CI_DIR : `make bench`. Needs
# BUILD_DIR/bench_sign, BUILD_DIR/bench_tls (built by mk/arm.mk), valgrind,
# python3 and the emulator (tests/emulator/server.py).
set -eu
cd "$(dirname "$0")/.."
B=$1; CI=$2
N=200
tmp=$(mktemp -d)
emu_pid=""
cleanup() {
    [ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null && wait "$emu_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# Instructions of N calls of FUNC (callgrind, collection only inside FUNC),
# divided by N.
instr() { # mode func
    valgrind --tool=callgrind --toggle-collect="$2" --callgrind-out-file="$tmp/cg.$1" \
        "$B/bench_sign" "$1" "$N" > "$tmp/out.$1" 2> "$tmp/vg.$1" ||
        { cat "$tmp/vg.$1" >&2; exit 1; }
    t=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$tmp/cg.$1")
    [ -n "$t" ] || t=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$tmp/cg.$1")
    echo $((t / N))
}
echo "== (1) signing cost, DeleteImage V3 (callgrind, $N calls each)"
s=$(instr sign sign_once)
r=$(instr raw raw_once)
cat "$tmp/out.sign"
echo "sign_instructions: $s"
echo "raw_crypto_instructions: $r"
python3 -c "import sys; print('sign_ratio: %.4f' % (int(sys.argv[1]) / int(sys.argv[2])))" "$s" "$r"
"$B/bench_sign" rate | grep '^signatures_per_second:'

# ---- TLS against the emulator ------------------------------------------
# One emulator per bench_tls run (fresh state: img-bench-0001..0040; the
# client deletes them in order). emu_start [server.py options...] sets
# port, ca; emu_stop ends it.
PY=$(python3 -c 'import sys; print(sys.executable)')
python3 -c '
import json, sys
imgs = [{"id": "img-bench-%04d" % i, "name": "bench"} for i in range(1, 41)]
json.dump({"credentials": [{"id": "bench-key-id", "secret": "bench-key-secret"}],
           "images": imgs}, open(sys.argv[1], "w"))' "$tmp/state.json"
emu_start() {
    rm -f "$tmp/first-line"
    "$PY" tests/emulator/server.py --port 0 --state "$tmp/state.json" "$@" \
        > "$tmp/first-line" 2>> "$tmp/emulator.log" &
    emu_pid=$!
    i=0
    while [ ! -s "$tmp/first-line" ]; do
        i=$((i + 1)); [ $i -gt 100 ] && { echo "emulator did not start" >&2; exit 1; }
        sleep 0.1
    done
    port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$tmp/first-line")
    ca=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ca_file"])' "$tmp/first-line")
}
emu_stop() {
    kill "$emu_pid" 2>/dev/null && wait "$emu_pid" 2>/dev/null
    emu_pid=""
}
tls_run() { # mode count [arena]: bench_tls against the running emulator
    ALIBABA_CLOUD_ACCESS_KEY_ID=bench-key-id ALIBABA_CLOUD_ACCESS_KEY_SECRET=bench-key-secret \
        "$B/bench_tls" localhost "$port" "$ca" "$@"
}

NT=10
echo "== (2) TLS: instructions of one DeleteImage (callgrind, client only, $NT calls each)"
# tls_MODE_call_instructions: callgrind counts only inside measured_call
# (one asc_delete_image); set-up, warm-up and the emulator are not counted.
# Runs in $(...): a subshell, so it stops its own emulator on every path.
tls_instr() { # mode [server.py options...]
    m=$1; shift
    emu_start "$@"
    ALIBABA_CLOUD_ACCESS_KEY_ID=bench-key-id ALIBABA_CLOUD_ACCESS_KEY_SECRET=bench-key-secret \
        valgrind --tool=callgrind --toggle-collect=measured_call \
        --callgrind-out-file="$tmp/cg.tls.$m" \
        "$B/bench_tls" localhost "$port" "$ca" "$m" "$NT" > "$tmp/out.tls.$m" 2> "$tmp/vg.tls.$m" ||
        { cat "$tmp/out.tls.$m" "$tmp/vg.tls.$m" >&2; emu_stop; exit 1; }
    emu_stop
    t=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$tmp/cg.tls.$m")
    [ -n "$t" ] || t=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$tmp/cg.tls.$m")
    echo $((t / NT))
}
full=$(tls_instr full)
res=$(tls_instr resumed --tls-allow-psk-only)
dhe=$(tls_instr resumed_dhe)
ka=$(tls_instr keepalive)
for m in full resumed resumed_dhe keepalive; do grep '^bench_tls:' "$tmp/out.tls.$m"; done
echo "tls_full_call_instructions: $full"
echo "tls_resumed_call_instructions: $res"
echo "tls_resumed_dhe_call_instructions: $dhe"
echo "tls_keepalive_call_instructions: $ka"
python3 -c 'import sys; f, r = int(sys.argv[1]), int(sys.argv[2]); print("tls_resumed_ratio: %.3f (budget 0.2)" % (r / f)); print("tls_full_budget: %s (%d <= 6000000)" % ("ok" if f <= 6000000 else "OVER", f))' "$full" "$res"

echo "== (3) TLS arena peak: one full handshake + DeleteImage against the emulator"
emu_start
tls_run peak 1 | grep '^tls_arena_peak_bytes:'
emu_stop
# Does the 24 KiB arena of the docs and of examples/cortex-m really suffice?
emu_start
if tls_run peak 1 24576 > "$tmp/a24" 2>&1; then
    echo "arena_24k: ok ($(grep -o 'tls_arena_peak_bytes: [0-9]*' "$tmp/a24"))"
else
    echo "arena_24k: FAILED ($(head -n 1 "$tmp/a24"))"
fi
emu_stop

echo "== (4) stack: worst frame chain of asc_delete_image on x86-64 (-O2, -fstack-usage)"
python3 tools/stack.py --label "x86-64 -O2" "$CI" > "$tmp/stack.txt" || { cat "$tmp/stack.txt"; exit 1; }
grep -v '^stack:' "$tmp/stack.txt"
sed -n 's/^stack: \([0-9]*\) bytes/stack_worst_bytes: \1/p' "$tmp/stack.txt"
