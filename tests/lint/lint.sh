#!/bin/sh
# tests/lint/lint.sh : static analysis of src/ and port/posix/ (make lint,
# make lint-report). One check per tool; each prints its findings. Last line
# "N passed, N failed"; exit 1 on any finding.
#   LINT_CFLAGS  preprocessor flags (-I/-D) for the tools that compile
#   LINT_ONLY    run only these checks (space-separated names), optional
#   EXTRA_CHECKS "name=command" pairs, newline-separated, run as more checks
set -u
cd "$(dirname "$0")/../.." || exit 1
SRCS=$(echo src/*.c port/posix/*.c)
HDRS=$(echo src/*.h port/posix/*.h include/*.h)
OUT=${LINT_OUT:-build/lint}
mkdir -p "$OUT" "$OUT/cppcheck-misra-cache"
# Compiler flags for clang-tidy and gcc, in a response file so that no shell
# quoting is involved (the mbedTLS config name uses <> instead of quotes).
#   LINT_BUILD_INC    directory with jsmn.h (the build tree's include/)
#   LINT_MBEDTLS_INC  mbedTLS include directory (3.6 source tree)
passed=0; failed=0

check() { # name, command string
    case " ${LINT_ONLY:-$1} " in *" $1 "*) ;; *) return 0 ;; esac
    t0=$(date +%s)
    sh -c "$2" >"$OUT/$1.log" 2>&1; rc=$?
    t1=$(date +%s)
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1)); echo "lint $1: ok ($((t1 - t0)) s)"
    else
        failed=$((failed + 1)); cat "$OUT/$1.log" | tail -n 60
        echo "lint $1: FAILED ($((t1 - t0)) s, log $OUT/$1.log)"
    fi
}

# Every compiling tool runs on both profiles of include/asc_config.h: the
# lean default (names as they are) and ASC_FULL=1 (names ending in -full).
for FULLV in 0 1; do
SFX=$( [ $FULLV = 1 ] && echo -full)
POUT=$OUT$( [ $FULLV = 1 ] && echo /full)
mkdir -p "$POUT/cppcheck-misra-cache"
cat > "$POUT/cflags.rsp" <<RSP
-std=c99
-I$PWD/include
-I$PWD/port/posix
-I$(cd "${LINT_BUILD_INC:-build/include}" && pwd)
-I$PWD/port/mbedtls
-isystem
$(cd "${LINT_MBEDTLS_INC:-build/deps/mbedtls-3.6/include}" && pwd)
-DMBEDTLS_CONFIG_FILE=<asc_mbedtls_config.h>
-DASC_ENABLE_V1=1
-DASC_FULL=$FULLV
-D_POSIX_C_SOURCE=200809L
RSP
CF="@$POUT/cflags.rsp"
# clang-tidy does not read response files: a compile_commands.json instead.
python3 - "$POUT" $SRCS <<'PY'
import json, os, sys
out, srcs = sys.argv[1], sys.argv[2:]
flags = [l for l in open(os.path.join(out, "cflags.rsp")).read().split("\n") if l]
cmds = [{"directory": os.getcwd(), "file": os.path.abspath(f),
         "arguments": ["clang"] + flags + ["-c", os.path.abspath(f)]} for f in srcs]
json.dump(cmds, open(os.path.join(out, "compile_commands.json"), "w"), indent=1)
PY
# cppcheck: every check class, then the MISRA addon; suppressions listed and
# justified in tests/lint/misra-deviations.md.
CPPCHECK_COMMON="cppcheck -q --std=c99 --error-exitcode=1 --inline-suppr \
  --suppressions-list=tests/lint/cppcheck-suppressions.txt \
  --template='{file}:{line}: {severity}: {id}: {message}' \
  -Iinclude -Iport/posix -I${LINT_BUILD_INC:-build/include} -Iport/mbedtls -DASC_ENABLE_V1=1 -DASC_FULL=$FULLV -D_POSIX_C_SOURCE=200809L"
check cppcheck$SFX "$CPPCHECK_COMMON --enable=all --suppress=unmatchedSuppression $SRCS"
check cppcheck-misra$SFX "$CPPCHECK_COMMON --enable=style --addon=misra --suppress=unmatchedSuppression --cppcheck-build-dir=$POUT/cppcheck-misra-cache $SRCS"

# clang-tidy: bugprone, CERT, static analyzer; per-file suppressions in
# tests/lint/clang-tidy.supp. Findings are "file:line:col: warning: ... [check]".
TIDY_CHECKS='-*,bugprone-*,cert-*,clang-analyzer-*,-bugprone-easily-swappable-parameters'
check clang-tidy$SFX "for f in $SRCS; do echo \$f; done | xargs -P 2 -I{} clang-tidy --quiet -checks='$TIDY_CHECKS' -p $POUT {} > $POUT/tidy.raw 2>&1 || { cat $POUT/tidy.raw; exit 1; };
  grep -E ': (warning|error): ' $POUT/tidy.raw | sed 's|^$PWD/||' > $POUT/tidy.all;
  grep -v '^#' tests/lint/clang-tidy.supp | while read f c; do [ -n \"\$f\" ] && echo \"^\$f:.*\\[\$c\\]\$\"; done > $POUT/tidy.pat;
  grep -v -f $POUT/tidy.pat $POUT/tidy.all > $POUT/tidy.left; cat $POUT/tidy.left; echo \"clang-tidy: \$(wc -l < $POUT/tidy.left) finding(s)\"; test ! -s $POUT/tidy.left"

# gcc's static analyzer, one assembly output per source (thrown away on
# stdout), warnings are errors. Never `-o /dev/null`: run as root, a tool
# that replaces or removes its output file takes /dev/null from the machine.
check gcc-fanalyzer$SFX "for f in $SRCS; do echo \$f; done | xargs -P 2 -I{} gcc -fanalyzer -Werror -Wall -Wextra -O1 $CF -S {} -o - > /dev/null"

done

# Banned C library functions (list and reasons in banned.py).
check banned "python3 tests/lint/banned.py $SRCS $HDRS"

# More checks handed in by the makefile (fuzz smoke, secrets in CLI output).
if [ -n "${EXTRA_CHECKS:-}" ]; then
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        check "${line%%=*}" "${line#*=}"
    done <<X
$EXTRA_CHECKS
X
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
