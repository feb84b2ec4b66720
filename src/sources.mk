# Sources of the library, for our Makefile and for integrators' build files
# (plain Make, ESP-IDF, Zephyr). Paths are relative to the repository root;
# ASC_ROOT may be set to prefix them.
ASC_ROOT ?=
ASC_SRCS := $(addprefix $(ASC_ROOT),$(sort $(wildcard $(ASC_ROOT)src/*.c)))
ASC_INCLUDE_DIRS := $(ASC_ROOT)include
