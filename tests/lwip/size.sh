#!/bin/sh
# tests/lwip/size.sh OUT LWIP_SRC CC "CFLAGS" FLAVOUR SOURCES... (run by `make lwip-size`)
# Compiles lwIP (SOURCES, relative to LWIP_SRC) and our port for FLAVOUR
# (sock|raw) with the SAMPLE options port/lwip/lwipopts_{sockets,raw}.h
# unchanged, then prints static RAM (data+bss) and flash (text) of lwIP and
# of the port object. RAM is what the memp pools, the MEM_SIZE heap, the
# PBUF pool and lwIP's other globals take; nothing else is allocated.
set -eu
out=$1; src=$2; cc=$3; cflags=$4; fl=$5; shift 5
top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out/cfg" "$out/obj"
if [ "$fl" = sock ]; then opts=lwipopts_sockets.h; port=asc_port_lwip_sockets.c
else opts=lwipopts_raw.h; port=asc_port_lwip_raw.c; fi
printf '#include "%s/port/lwip/%s"\n' "$top" "$opts" > "$out/cfg/lwipopts.h"
incs="-I$out/cfg -isystem $src/src/include -isystem $src/unixport/include"
objs=""
for f in "$@"; do
    o="$out/obj/$(echo "$f" | tr '/' '_' | sed 's/\.c$/.o/')"
    # shellcheck disable=SC2086
    $cc $cflags -w -D_DEFAULT_SOURCE $incs -c "$src/$f" -o "$o"
    objs="$objs $o"
done
# shellcheck disable=SC2086
$cc $cflags -std=c99 -D_DEFAULT_SOURCE -I"$top/include" -I"$top/port/lwip" $incs \
    -c "$top/port/lwip/$port" -o "$out/obj/port.o"
sz=$(echo "$cc" | sed 's/gcc$/size/; s/clang$/size/')
command -v "$sz" >/dev/null 2>&1 || sz=size
# shellcheck disable=SC2086
$sz -t $objs | awk -v fl="$fl" 'END { printf "%s lwIP:  text %6d  data+bss %6d bytes (RAM)\n", fl, $1, $2 + $3 }'
$sz "$out/obj/port.o" | awk -v fl="$fl" 'NR == 2 { printf "%s port:  text %6d  data+bss %6d bytes\n", fl, $1, $2 + $3 }'
# The caller-placed port context.
if [ "$fl" = sock ]; then t=asc_port_lwip_sock; else t=asc_port_lwip_raw; fi
printf '#include "asc_port_lwip.h"\n%s asc_ctx;\n' "$t" > "$out/ctx.c"
# shellcheck disable=SC2086
$cc $cflags -std=c99 -D_DEFAULT_SOURCE -I"$top/include" -I"$top/port/lwip" $incs -c "$out/ctx.c" -o "$out/obj/ctx.o"
nm -S -t d "$out/obj/ctx.o" | awk -v fl="$fl" -v t="$t" '$4 == "asc_ctx" { printf "%s port context (%s): %d bytes, caller-placed\n", fl, t, $2 }'
# The biggest RAM items (pools, heap).
# shellcheck disable=SC2086
nm -S -t d $objs 2>/dev/null | awk 'NF == 4 && $3 ~ /^[bBdD]$/ { printf "    %-30s %6d\n", $4, $2 + 0 }' | sort -k2 -n -r | head -n 8
