#!/bin/sh
# port/lwip/fetch_lwip.sh DEST : unpack lwIP 2.1.3 from the Debian bookworm
# source package into DEST (apt-get source; deb-src entries added if absent).
#
# Debian's binary liblwip is a GNU/Hurd build (its own lwipopts.h, pbuf
# sizing that does not fit us), so we only take the SOURCE, unpacked without
# Debian's patch series, and apply by hand:
#   CVE-2020-8597, patch9350, patch9807   upstream fixes
#   port (minus its src/api/sockets.c hunk) the contrib unix port
#                                           (port/sys_arch.c, port/netif/tapif.c,
#                                           arch/cc.h ...), used by the tests
# and not the Hurd-only max_sockets / cmake patches. The sockets.c hunk of
# "port" needs Hurd's external sockets header; upstream sockets.c is kept.
set -e
case "$1" in /*) dest=$1 ;; *) dest=$(pwd)/$1 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
sh "$here/../../mk/apt.sh" --src dpkg-dev patch python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
apt-get source -q --download-only lwip/bookworm >/dev/null 2>&1 || {
    apt-get -q update >/dev/null; apt-get source -q --download-only lwip/bookworm >/dev/null; }
dsc=$(ls lwip_2.1*.dsc | head -n 1)
[ -n "$dsc" ] || { echo "lwIP 2.1 source package not found" >&2; exit 1; }
dpkg-source --no-check --skip-patches -x "$dsc" src >/dev/null
cd src
for p in CVE-2020-8597 patch9350 patch9807; do
    patch -s -p1 < "debian/patches/$p"
done
# The "port" patch without the file sections for src/api/sockets.c.
python3 - debian/patches/port > "$tmp/port.patch" <<'PY'
import re, sys
out, skip = [], False
lines = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read().split("\n")
i = 0
while i < len(lines):
    l = lines[i]
    if l.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ "):
        skip = lines[i + 1].split()[1].endswith("src/api/sockets.c")
    if not skip:
        out.append(l)
    i += 1
sys.stdout.write("\n".join(out))
PY
patch -s -p1 < "$tmp/port.patch"
# The contrib unix port is test scaffolding (threads, tap): keep it out of any
# directory named port/ so it is never mistaken for one of our ports.
mv port unixport
cd ..
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv src "$dest"
touch "$dest/.fetched"
