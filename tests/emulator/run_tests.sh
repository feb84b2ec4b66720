#!/usr/bin/env bash
# Runs the emulator's own tests (python) and the official-SDK test (node).
# Last line of output: "<passed> passed, <failed> failed". Exit status 1 on any failure.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sdk="$here/../sdk"
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

count() {  # count <label> <output file> <exit status>
  local line p f
  line=$(grep -E '^RESULT [0-9]+ [0-9]+$' "$2" | tail -n 1)
  if [ -z "$line" ]; then
    echo "!! $1: no RESULT line (exit $3)"
    failed=$((failed + 1))
    return
  fi
  p=$(echo "$line" | cut -d' ' -f2)
  f=$(echo "$line" | cut -d' ' -f3)
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "!! $1: exit status $3"
    failed=$((failed + 1))
  fi
  echo "== $1: $p passed, $f failed"
}

# the real interpreter, not a wrapper script (signals must reach the emulator itself)
py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || command -v python3)

echo "== python emulator tests"
"$py" "$here/test_emulator.py" >"$tmp/py.out" 2>&1
rc=$?
cat "$tmp/py.out"
count "emulator tests" "$tmp/py.out" "$rc"

echo "== official Node.js SDK test"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "!! node/npm not found: the SDK test cannot run"
  failed=$((failed + 1))
else
  if [ ! -d "$sdk/node_modules/@alicloud/openapi-client" ] || [ ! -d "$sdk/node_modules/@alicloud/pop-core" ]; then
    echo "== npm ci in $sdk"
    if ! (cd "$sdk" && npm ci --no-audit --no-fund --loglevel=error) >"$tmp/npm.out" 2>&1; then
      cat "$tmp/npm.out"
      echo "!! npm ci failed in $sdk"
      failed=$((failed + 1))
    fi
  fi
  if [ -d "$sdk/node_modules/@alicloud/openapi-client" ]; then
    (cd "$sdk" && EMU_PYTHON="$py" node sdk_test.js) >"$tmp/sdk.out" 2>&1
    rc=$?
    cat "$tmp/sdk.out"
    count "SDK test" "$tmp/sdk.out" "$rc"
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
