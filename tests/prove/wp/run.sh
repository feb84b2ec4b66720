#!/bin/sh
# tests/prove/wp/run.sh FULL FUNCS FILES... : one Frama-C WP run over the
# contracts of tests/prove/wp/*_contracts.c (mk/wp.mk, tests/prove/WP.md).
# FUNCS: the functions whose contracts are proven (comma-separated).
# Writes $WP_OUT/wp-fullFULL.log, prints one line per function (goals,
# proved by Qed / Z3 / CVC4, unproved) and a summary line
# "wp FULL=F: N goals, M proved; Ts". Exit 1 when frama-c fails or a goal
# is not proved. Environment (set by mk/wp.mk): WP_OUT, WP_CPPFLAGS,
# WP_PROVERS, WP_TIMEOUT, WHY3CONFIG (the why3 prover list, under build/).
set -u
full=$1 funcs=$2
shift 2
out=${WP_OUT:-build/wp}
mkdir -p "$out"
log=$out/wp-full$full.log
start=$(date +%s)
# -inline-calls out_raw: out_raw is static (no contract can be attached from
# outside src/), so asc_out_put is proven with its body inlined.
# -wp-model typed+cast: uint8_t buffers pass through memcpy's char* contract
# (same address, byte-sized); the contracts state contents as char, as
# memcpy's does. -wp-prop=-danglingness: WP 25 has no model of \dangling
# (memcmp's danglingness preconditions), see WP.md.
timeout "${WP_RUN_TIMEOUT:-600}" frama-c -machdep x86_64 \
    -cpp-extra-args="${WP_CPPFLAGS:-} -DASC_FULL=$full" \
    "$@" -inline-calls out_raw \
    -wp -wp-rte -wp-model typed+cast -wp-fct "$funcs" -wp-prop=-danglingness \
    -wp-prover "${WP_PROVERS:-z3,cvc4}" -wp-timeout "${WP_TIMEOUT:-10}" \
    -wp-par "${WP_PAR:-2}" -wp-session "$out/session-full$full" >"$log" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))
total=$(sed -n 's/^\[wp\] Proved goals: *[0-9]* \/ *\([0-9]*\)$/\1/p' "$log")
proved=$(sed -n 's/^\[wp\] Proved goals: *\([0-9]*\) \/.*/\1/p' "$log")
[ -n "$total" ] || total="?"
[ -n "$proved" ] || proved=0
# One "[wp] [PROVER] Goal typed_cast_FUNC_... : Valid" line per proved goal;
# any other status ([Failed], [Unknown], Timeout...) is not proved.
echo "$funcs" | tr ',' '\n' | while read -r f; do
    grep "^\[wp\] \[[^]]*\] Goal typed_cast_${f}_" "$log" | awk -v f="$f" -v full="$full" '
        { n++; p = $0; sub(/^\[wp\] \[/, "", p); sub(/\].*/, "", p); sub(/ .*/, "", p)
          if ($0 ~ / : Valid/) c[p]++; else u++ }
        END { printf "wp FULL=%s %-20s %3d goals: Qed %d, Z3 %d, CVC4 %d, unproved %d\n",
              full, f, n, c["Qed"], c["Z3"], c["CVC4"], u }'
done
grep -E '^\[wp\] \[[^]]*\] Goal ' "$log" | grep -v ' : Valid' | sed 's/^/  not proved: /'
echo "wp FULL=$full: $total goals, $proved proved; ${secs}s (log $log)"
[ $rc -eq 0 ] && [ "$total" != "?" ] && [ "$proved" = "$total" ]
