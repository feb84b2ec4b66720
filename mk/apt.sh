#!/bin/sh
# mk/apt.sh PKG... : install Debian packages if missing (root, non-interactive).
# mk/apt.sh --src  : make sure deb-src entries for bookworm and trixie exist.
set -e
stamp=/var/lib/apt/lists/.asc-updated
if [ "$1" = "--src" ]; then
    f=/etc/apt/sources.list.d/asc-deb-src.sources
    if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ ; then
        cat > "$f" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
        rm -f "$stamp"
    fi
    shift
fi
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ] || [ ! -f "$stamp" ]; then
    if [ ! -f "$stamp" ]; then
        apt-get -q update >/dev/null && touch "$stamp"
    fi
fi
if [ -n "$missing" ]; then
    echo "apt: installing$missing" >&2
    DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dpkg::Use-Pty=0 install --no-install-recommends $missing >/dev/null
fi
