#!/bin/sh
# tests/lwip/config_matrix.sh FLAVOUR LWIP_SRC : compile the port of FLAVOUR
# (sock|raw) with gcc and clang (when present) and the project's strict
# flags in several lwIP configurations derived from the sample options:
# as shipped, + IPv6 (dual stack), IPv6 only, without DNS.
# Prints "ok ..." / "FAIL ..." per configuration; exit status 1 on a failure.
set -u
fl=$1; src=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "$fl" = sock ]; then opts=lwipopts_sockets.h; f=asc_port_lwip_sockets.c
else opts=lwipopts_raw.h; f=asc_port_lwip_raw.c; fi
rc=0
for cfg in "as shipped:" "dual stack:LWIP_IPV6=1" "IPv6 only:LWIP_IPV6=1 LWIP_IPV4=0 LWIP_ARP=0" \
           "no DNS:LWIP_DNS=0"; do
    name=${cfg%%:*}; defs=${cfg#*:}
    mkdir -p "$tmp/cfg"
    {
        echo "#define MEM_ALIGNMENT 8"
        echo "#include \"$top/port/lwip/$opts\""
        for d in $defs; do echo "#undef ${d%=*}"; echo "#define ${d%=*} ${d#*=}"; done
    } > "$tmp/cfg/lwipopts.h"
    res=ok
    for cc in gcc clang; do
        command -v $cc >/dev/null 2>&1 || continue
        if ! $cc -std=c99 -D_DEFAULT_SOURCE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror \
            -O2 -I"$top/include" -I"$top/port/lwip" -I"$tmp/cfg" -isystem "$src/src/include" \
            -isystem "$src/unixport/include" -c "$top/port/lwip/$f" -o "$tmp/port.o" >"$tmp/err" 2>&1; then
            res=FAIL; sed 's/^/     /' "$tmp/err" | head -n 20
        fi
    done
    echo "$res $fl: port compiles with gcc and clang, lwIP $name"
    [ $res = ok ] || rc=1
done
exit $rc
