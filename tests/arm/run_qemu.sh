#!/bin/sh
# tests/arm/run_qemu.sh m4|linux BIN... : run test binaries under QEMU
# (m4: qemu-system-arm -M mps2-an386 with semihosting, the exit status of
# main passes through; linux: qemu-arm with the armhf sysroot) through
# tests/run_bins.sh, which sums the "N passed, N failed" lines.
set -u
here=$(cd "$(dirname "$0")" && pwd)
mode=$1; shift
[ $# -gt 0 ] || { echo "0 passed, 1 failed"; exit 1; }
dir=$(dirname "$1")/run-$mode
mkdir -p "$dir"
wrappers=""
for b in "$@"; do
    w="$dir/$(basename "$b" .elf)"
    abs=$(cd "$(dirname "$b")" && pwd)/$(basename "$b")
    case $mode in
    m4) cat > "$w" <<W
#!/bin/sh
exec timeout 300 qemu-system-arm -M mps2-an386 -nographic -monitor none -serial none \\
    -semihosting-config enable=on,target=native -kernel "$abs"
W
        ;;
    linux) cat > "$w" <<W
#!/bin/sh
ASAN_OPTIONS=\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \\
    QEMU_LD_PREFIX=/usr/arm-linux-gnueabihf exec timeout 300 qemu-arm "$abs" "\$@"
W
        ;;
    *) echo "run_qemu.sh: unknown mode $mode" >&2; exit 2 ;;
    esac
    chmod +x "$w"
    wrappers="$wrappers $w"
done
# shellcheck disable=SC2086
sh "$here/../run_bins.sh" $wrappers
