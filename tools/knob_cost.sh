#!/bin/sh
# tools/knob_cost.sh (make size-knobs): what each compile-time knob of
# include/asc_config.h costs on Cortex-M4, -Os. The library is built with the
# CMake toolchain file cmake/arm-none-eabi-cortex-m4.cmake (the build that
# tests/cmake/run_tests.py checks against `make size`) once per knob, each
# knob alone on top of the lean default; counted like `make size` (text+data
# of src/ minus tls.c). Output: "knob bytes delta" lines.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
out=build/arm/knobs
mbed="$top/build/deps/mbedtls-3.6/include;$top/port/mbedtls"
base=""
for k in lean ASC_ENABLE_TOOLS ASC_ENABLE_QUERY ASC_STRICT_PARSING ASC_ENABLE_CLOCK_SYNC \
         ASC_ENABLE_STATUS_TEXT ASC_ENABLE_TRIM ASC_ENABLE_CREDENTIALS_PROVIDER \
         ASC_ENABLE_FRONT_END_FIELDS ASC_ENABLE_V1=OFF ASC_ENABLE_PSA_KEYS ASC_FULL; do
    case $k in lean) def="";; *=*) def="-D$k";; *) def="-D$k=ON";; esac
    d=$out/$(echo "$k" | tr '=' '-')
    cmake -S . -B "$d" -DCMAKE_TOOLCHAIN_FILE="$top/cmake/arm-none-eabi-cortex-m4.cmake" \
        -DCMAKE_BUILD_TYPE=MinSizeRel -DASC_MBEDTLS_INCLUDE_DIRS="$mbed" \
        -DASC_MBEDTLS_CONFIG_FILE=asc_mbedtls_config.h $def >/dev/null
    cmake --build "$d" -j2 >/dev/null
    n=$(sh tools/size.sh arm-none-eabi-size "$k" $(ls "$d"/CMakeFiles/asc.dir/src/*.obj | grep -v '/tls\.c\.obj$') \
        | sed -n 's/^total: \([0-9]*\) bytes/\1/p')
    [ -n "$base" ] || base=$n
    printf '%-24s %6d bytes %+6d\n' "$k" "$n" $((n - base))
done
