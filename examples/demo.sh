#!/bin/sh
# make demo: delete an App Streaming image against the local emulator over
# TLS, with build/asc. Starts and stops the emulator itself; leaves nothing
# running.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
ASC="$BUILD/asc"
tmp=$(mktemp -d)
emu_pid=""
cleanup() {
    [ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null && wait "$emu_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

cat > "$tmp/state.json" <<'JSON'
{
  "credentials": [{"id": "demo-key-id", "secret": "demo-key-secret"}],
  "images": [
    {"id": "img-demo-0001", "name": "kiosk-base-v1"},
    {"id": "img-demo-0002", "name": "kiosk-base-v2", "regions": ["cn-shanghai", "ap-southeast-1"],
     "template": {"id": "tpl-42", "state": "ok"}},
    {"id": "img-demo-busy", "name": "in-use-by-pool", "in_use_by": ["CloudComputerPool"]},
    {"id": "img-demo-new", "name": "still-building", "status": "Creating"}
  ]
}
JSON

# the real interpreter (python3 may be a wrapper that would not pass signals on)
PY=$(python3 -c 'import sys; print(sys.executable)')
"$PY" tests/emulator/server.py --port 0 --state "$tmp/state.json" --log "$tmp/requests.log" \
    > "$tmp/first-line" &
emu_pid=$!
i=0
while [ ! -s "$tmp/first-line" ]; do
    i=$((i + 1)); [ $i -gt 100 ] && { echo "emulator did not start" >&2; exit 1; }
    sleep 0.1
done
port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$tmp/first-line")
ca=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ca_file"])' "$tmp/first-line")
echo "== emulator: https://localhost:$port (CA $ca)"

export ALIBABA_CLOUD_ACCESS_KEY_ID=demo-key-id
export ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-key-secret
run() { # expected-exit-code args...
    want=$1; shift
    echo "\$ asc $*"
    set +e
    "$ASC" "$@" --endpoint "localhost:$port" --ca-file "$ca"
    rc=$?
    set -e
    echo "(exit $rc)"
    if [ "$rc" -ne "$want" ]; then
        echo "demo: expected exit $want, got $rc" >&2
        exit 1
    fi
}

echo "== 1. delete img-demo-0002 over TLS (signature V3)"
run 0 DeleteImage --ImageId img-demo-0002
echo "== 2. delete it again: the service answers Image.NotExist"
run 4 DeleteImage --ImageId img-demo-0002
echo "== 3. an image in use by a Cloud Computer Pool is refused"
run 4 DeleteImage --ImageId img-demo-busy
echo "== 4. an image still being created is refused"
run 4 DeleteImage --ImageId img-demo-new
echo "== 5. what is left (ListImage, legacy signature V1)"
run 0 ListImage --PageSize 10 --signature v1
echo "== done; emulator stopped"
