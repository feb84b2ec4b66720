#!/bin/sh
# tests/soak/run_soak.sh SOAK_BIN CALLS ARENA_BYTES WORK_BYTES
# Starts three emulators sharing one CA (TLS 1.3 with two tickets, TLS 1.3
# with one, TLS 1.2), each with the action-keyed faults tests/soak/soak.c
# draws, runs SOAK_BIN against them and stops them by PID. Exit status is
# the soak's. `make soak` (long) and tests/run_all.sh (short) call it;
# SOAK_RUNNER (e.g. "qemu-arm", make soak-armhf) prefixes the binary.
set -eu
cd "$(dirname "$0")/../.."
BIN=$1; CALLS=$2; ARENA=$3; WORK=$4
tmp=$(mktemp -d)
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

python3 -c '
import json, sys
n = int(sys.argv[2]) + 10
imgs = [{"id": "img-soak-%05d" % i, "name": "soak"} for i in range(1, n)]
json.dump({"credentials": [{"id": "soak-key-id", "secret": "soak-key-secret"}],
           "images": imgs}, open(sys.argv[1], "w"))' "$tmp/state.json" "$CALLS"
mkdir -p "$tmp/ca"
MANY=100000000
ports=""
i=0
for opts in "--tls-tickets 2" "--tls-tickets 1" "--tls-max 1.2"; do
    i=$((i + 1))
    # shellcheck disable=SC2086 # opts is a word list
    python3 tests/emulator/server.py --port 0 --state "$tmp/state.json" --state-dir "$tmp/ca" \
        --log "$tmp/requests.$i" $opts \
        --fault "unavailable,action=SoakUnavailable,count=$MANY" \
        --fault "throttle,action=SoakThrottle,count=$MANY,time_left=1" \
        --fault "error,action=SoakBadParam,count=$MANY,code=InvalidParameter,status=400" \
        --fault "drop,action=SoakDrop,count=$MANY" \
        --fault "http10,action=SoakCutoff,count=$MANY" --idle-timeout 1 \
        > "$tmp/first.$i" 2> "$tmp/emulator.$i" &
    pids="$pids $!"
    n=0
    while [ ! -s "$tmp/first.$i" ]; do
        n=$((n + 1)); [ $n -gt 150 ] && { cat "$tmp/emulator.$i" >&2; echo "emulator did not start" >&2; exit 1; }
        sleep 0.1
    done
    ports="$ports $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$tmp/first.$i")"
    ca=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ca_file"])' "$tmp/first.$i")
done
# shellcheck disable=SC2086 # ports is a word list
# shellcheck disable=SC2086 # SOAK_RUNNER is a word list
${SOAK_RUNNER:-} "$BIN" "$ca" "$ARENA" "$WORK" "$CALLS" $ports
