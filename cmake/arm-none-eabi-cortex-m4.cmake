# Toolchain file: Cortex-M4 (Thumb-2, soft-float ABI), bare metal, Debian's
# gcc-arm-none-eabi (apt-get install --no-install-recommends
# gcc-arm-none-eabi libnewlib-arm-none-eabi).
#
#   cmake -S . -B build/cmake-m4 --toolchain cmake/arm-none-eabi-cortex-m4.cmake \
#         -DCMAKE_BUILD_TYPE=MinSizeRel ...
#
# The flags are those of the Makefile's Cortex-M4 builds (mk/arm.mk,
# ARM_M4_FLAGS); MinSizeRel adds -Os -DNDEBUG, as `make size` uses. For an
# M4F with hardware floating point add -mfloat-abi=hard -mfpu=fpv4-sp-d16
# (the library itself uses no floating point).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(ASC_CROSS_PREFIX "arm-none-eabi-" CACHE STRING "toolchain prefix")
set(CMAKE_C_COMPILER ${ASC_CROSS_PREFIX}gcc)
set(CMAKE_AR ${ASC_CROSS_PREFIX}ar CACHE FILEPATH "archiver")
set(CMAKE_RANLIB ${ASC_CROSS_PREFIX}ranlib CACHE FILEPATH "ranlib")
set(CMAKE_SIZE ${ASC_CROSS_PREFIX}size CACHE FILEPATH "size")

set(CMAKE_C_FLAGS_INIT "-mcpu=cortex-m4 -mthumb -ffunction-sections -fdata-sections")
# No OS to run test programs: try_compile builds a static library instead.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Headers and libraries of the target only; programs (python3, ...) of the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
