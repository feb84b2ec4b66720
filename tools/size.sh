#!/bin/sh
# tools/size.sh SIZE_TOOL LABEL OBJ... : per-object text/data/bss table (no
# link: each object's text+data counts, as the AWS SDK size tables do), then
# "total: N bytes" = sum of text+data.
set -eu
size=$1; label=$2; shift 2
"$size" -B "$@" | awk -v label="$label" '
NR == 1 { printf "%-28s %8s %8s %8s %8s\n", "object (" label ")", "text", "data", "bss", "text+data"; next }
{ n = split($6, p, "/"); obj = p[n];
  printf "%-28s %8d %8d %8d %8d\n", obj, $1, $2, $3, $1 + $2;
  t += $1; d += $2; b += $3 }
END { printf "%-28s %8d %8d %8d %8d\n", "sum", t, d, b, t + d;
      printf "total: %d bytes\n", t + d }'
