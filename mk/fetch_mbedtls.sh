#!/bin/sh
# mk/fetch_mbedtls.sh DEST : unpack mbedTLS 3.6 LTS from the Debian trixie
# source package into DEST (apt-get source; deb-src entries added if absent).
set -e
case "$1" in /*) dest=$1 ;; *) dest=$(pwd)/$1 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
sh "$here/apt.sh" --src dpkg-dev
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
apt-get source -q --download-only mbedtls/trixie >/dev/null 2>&1 || {
    apt-get -q update >/dev/null; apt-get source -q --download-only mbedtls/trixie >/dev/null; }
dsc=$(ls mbedtls_3.6*.dsc | head -n 1)
[ -n "$dsc" ] || { echo "mbedTLS 3.6 source package not found" >&2; exit 1; }
dpkg-source --no-check -x "$dsc" src >/dev/null
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv src "$dest"
touch "$dest/.fetched"
