# POSIX port sources and include directories.
ASC_ROOT ?=
ASC_PORT_POSIX_SRCS := $(sort $(wildcard $(ASC_ROOT)port/posix/*.c))
ASC_PORT_POSIX_INCLUDE_DIRS := $(ASC_ROOT)port/posix
