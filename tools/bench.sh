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

echo "== (2) TLS arena peak: one full handshake + DeleteImage against the emulator"
cat > "$tmp/state.json" <<'JSON'
{"credentials": [{"id": "bench-key-id", "secret": "bench-key-secret"}],
  "images": [{"id": "img-bench-0001", "name": "bench"}, {"id": "img-bench-0002", "name": "bench"},
             {"id": "img-bench-0003", "name": "bench"}, {"id": "img-bench-0004", "name": "bench"}]}
JSON
PY=$(python3 -c 'import sys; print(sys.executable)')
"$PY" tests/emulator/server.py --port 0 --state "$tmp/state.json" > "$tmp/first-line" 2> "$tmp/emulator.log" &
emu_pid=$!
i=0
while [ ! -s "$tmp/first-line" ]; do
    i=$((i + 1)); [ $i -gt 100 ] && { echo "emulator did not start" >&2; exit 1; }
    sleep 0.1
done
port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$tmp/first-line")
ca=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ca_file"])' "$tmp/first-line")
export ALIBABA_CLOUD_ACCESS_KEY_ID=bench-key-id ALIBABA_CLOUD_ACCESS_KEY_SECRET=bench-key-secret
echo "host profile (16 KiB input records; CLI, POSIX examples):"
"$B/bench_tls" localhost "$port" "$ca" img-bench-0001
# The host profile's documented arena (asc_tls.h): 36 KiB.
if "$B/bench_tls" localhost "$port" "$ca" img-bench-0002 36864 > "$tmp/a36" 2>&1; then
    echo "arena_36k_host: ok ($(grep -o 'tls_arena_peak_bytes: [0-9]*' "$tmp/a36"))"
else
    echo "arena_36k_host: FAILED ($(head -n 1 "$tmp/a36"))"
fi
FW=${B}-fw
echo "firmware profile (4 KiB input records + max_fragment_length; Cortex-M):"
"$FW/bench_tls" localhost "$port" "$ca" img-bench-0003 | sed 's/^tls_arena_peak_bytes/fw_tls_arena_peak_bytes/'
# Does the 24 KiB arena of the docs and of examples/cortex-m really suffice?
if "$FW/bench_tls" localhost "$port" "$ca" img-bench-0004 24576 > "$tmp/a24" 2>&1; then
    echo "arena_24k_firmware: ok ($(grep -o 'tls_arena_peak_bytes: [0-9]*' "$tmp/a24"))"
else
    echo "arena_24k_firmware: FAILED ($(head -n 1 "$tmp/a24"))"
fi

echo "== (3) stack: worst frame chain of asc_delete_image on x86-64 (-O2, -fstack-usage)"
python3 tools/stack.py --label "x86-64 -O2" "$CI" > "$tmp/stack.txt" || { cat "$tmp/stack.txt"; exit 1; }
grep -v '^stack:' "$tmp/stack.txt"
sed -n 's/^stack: \([0-9]*\) bytes/stack_worst_bytes: \1/p' "$tmp/stack.txt"
