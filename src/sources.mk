# Sources of the library, for our Makefile and for integrators' build files
# (plain Make; CMake reads cmake/asc_sources.cmake, which
# tests/cmake/run_tests.py checks against this). Paths are relative to the
# repository root; from another directory set ASC_ROOT to the asc tree with
# a trailing slash (ASC_ROOT=../asc/) and include $(ASC_ROOT)src/sources.mk.
ASC_ROOT ?=
ASC_SRCS := $(sort $(wildcard $(ASC_ROOT)src/*.c))
ASC_INCLUDE_DIRS := $(ASC_ROOT)include
