# The Makefile's source lists, one "NAME path" per line, for
# tests/cmake/run_tests.py (compared with cmake/asc_sources.cmake through
# print_sources.cmake). Run from the repository root:
#   make -s -f tests/cmake/print_sources.mk
# or from elsewhere, as an integrator's Makefile includes them:
#   make -s -f /path/to/asc/tests/cmake/print_sources.mk ASC_ROOT=/path/to/asc/
BUILD := build
.DEFAULT_GOAL := print
include $(ASC_ROOT)mk/deps.mk
include $(ASC_ROOT)src/sources.mk
include $(ASC_ROOT)port/posix/port.mk
include $(ASC_ROOT)port/lwip/port.mk
.PHONY: print
print:
	@for f in $(ASC_SRCS); do echo "library $$f"; done
	@for f in $(ASC_PORT_POSIX_SRCS); do echo "posix $$f"; done
	@for f in $(ASC_PORT_LWIP_SOCKETS_SRCS); do echo "lwip_sockets $$f"; done
	@for f in $(ASC_PORT_LWIP_RAW_SRCS); do echo "lwip_raw $$f"; done
	@echo "include $(ASC_INCLUDE_DIRS)"
	@echo "include_posix $(ASC_PORT_POSIX_INCLUDE_DIRS)"
	@echo "include_lwip $(ASC_PORT_LWIP_INCLUDE_DIRS)"
	@echo "jsmn_sha256 $(JSMN_SHA256)"
