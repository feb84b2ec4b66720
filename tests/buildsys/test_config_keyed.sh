#!/bin/sh
# Build outputs are keyed by configuration (issue 25): after a default
# build, `make lib FULL=0` in the same BUILD directory must rebuild the
# library in the lean profile, switching back must rebuild the full one,
# and `make install FULL=0` must install the lean library it describes in
# asc.pc. Uses MBEDTLS=228 (Debian's system mbedTLS: nothing of mbedTLS to
# build). Run by make test ("build keyed by configuration").
set -u
cd "$(dirname "$0")/../.." || exit 1
b=build/test-config-keyed
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp" "$b"' EXIT
rm -rf "$b"
passed=0; failed=0
check() { if [ "$1" = 0 ]; then passed=$((passed + 1)); echo "ok   $2"; else failed=$((failed + 1)); echo "FAIL $2"; fi; }
text() { size -t "$1" | tail -n 1 | awk '{print $1}'; }
m() { make -s "$@" BUILD="$b" MBEDTLS=228 >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log"; return 1; }; }

m lib || { echo "0 passed, 1 failed"; exit 1; }
full=$(text "$b/libasc.a")
m lib FULL=0; lean=$(text "$b/libasc.a")
[ "$lean" -lt "$full" ]; check $? "make lib FULL=0 after a default build rebuilds the lean library ($full -> $lean bytes of code)"
grep -q 'FULL=0' "$b/config.txt"; check $? "config.txt records FULL=0"
m lib; again=$(text "$b/libasc.a")
[ "$again" -eq "$full" ]; check $? "switching back to FULL=1 rebuilds the full library ($again bytes)"
m install FULL=0 PREFIX="$tmp/prefix"
inst=$(text "$tmp/prefix/lib/libasc.a")
[ "$inst" -eq "$lean" ]; check $? "make install FULL=0 installs the lean library ($inst bytes)"
grep -q -- '-DASC_FULL=0' "$tmp/prefix/lib/pkgconfig/asc.pc"; check $? "the installed asc.pc says -DASC_FULL=0"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
