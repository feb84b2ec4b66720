#!/bin/sh
# mk/fetch_mbedtls.sh DEST : unpack mbedTLS 3.6 LTS from the Debian trixie
# source package into DEST (apt-get source; deb-src entries added if absent).
# DEST is shared by every BUILD directory and never written after unpacking;
# parallel builds on a fresh machine serialise on DEST.lock (mkdir is atomic)
# and the second one finds DEST ready.
set -e
case "$1" in /*) dest=$1 ;; *) dest=$(pwd)/$1 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$(dirname "$dest")"
lock="$dest.lock"
n=0
until mkdir "$lock" 2>/dev/null; do
    n=$((n + 1))
    if [ $n -ge 600 ]; then
        echo "fetch_mbedtls: $lock held for 10 minutes; remove it if stale" >&2
        exit 1
    fi
    sleep 1
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; rmdir "$lock" 2>/dev/null || true' EXIT
[ -f "$dest/.fetched" ] && exit 0
sh "$here/apt.sh" --src dpkg-dev
cd "$tmp"
apt-get source -q --download-only mbedtls/trixie >/dev/null 2>&1 || {
    apt-get -q update >/dev/null; apt-get source -q --download-only mbedtls/trixie >/dev/null; }
dsc=$(ls mbedtls_3.6*.dsc | head -n 1)
[ -n "$dsc" ] || { echo "mbedTLS 3.6 source package not found" >&2; exit 1; }
dpkg-source --no-check -x "$dsc" src >/dev/null
rm -rf "$dest"
mv src "$dest"
touch "$dest/.fetched"
