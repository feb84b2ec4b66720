# make soak: a long-running device against the emulator (issue 21).
#
#   make soak                   SOAK_CALLS (2,400) calls, one process, one
#                               TLS context, one client, in the documented
#                               arena (ASC_TLS_ARENA_BYTES, include/asc_tls.h)
#                               and work buffer (4 KiB); tests/soak/soak.c
#   make soak SOAK_CALLS=300    the short form tests/run_all.sh runs
#   make soak SOAK_ARENA=N      another arena size (to find where it breaks)
#   make soak-armhf             the same in the lean profile (FULL=0) on
#                               armhf under qemu-arm: 32-bit pointers shift
#                               every size (SOAK_ARMHF_CALLS, default 2,400)
#
# Ends "soak: N calls, F failed attempts, arena A bytes, arena high-water H
# bytes", then "1 passed, 0 failed" (or "0 passed, 1 failed") for make test.
# Built like make bench (MBEDTLS=36 with our config, firmware TLS profile:
# 4 KiB input records, FULL=1, its own BUILD
# directory): MBEDTLS_MEMORY_DEBUG gives the high-water.
SOAK_DIR   := build/soak
SOAK_CALLS ?= 2400
SOAK_ARENA ?= 0
SOAK_WORK  ?= 0

.PHONY: soak soak-lib
soak-lib:
	@$(MAKE) -s lib BUILD=$(SOAK_DIR) MBEDTLS=36 V1=1 FULL=1 TLS_PROFILE=firmware SAN= OPT="-O2 -g" >/dev/null

$(SOAK_DIR)/soak: tests/soak/soak.c soak-lib
	@$(CC) $(CSTD) $(WARN) -O2 -g -D_POSIX_C_SOURCE=200809L -DASC_FULL=1 -Iinclude -Iport/posix \
	  -isystem $(MBEDTLS36_SRC)/include -I$(TOP)/port/mbedtls \
	  -DMBEDTLS_CONFIG_FILE='"asc_mbedtls_config.h"' -o $@ $< \
	  $(SOAK_DIR)/libasc.a $(SOAK_DIR)/libasc_posix.a $(SOAK_DIR)/mbedtls/libascmbedtls.a

soak: deps $(SOAK_DIR)/soak
	@if sh tests/soak/run_soak.sh $(SOAK_DIR)/soak $(SOAK_CALLS) $(SOAK_ARENA) $(SOAK_WORK); \
	then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi

# ---- armhf, lean profile, under qemu-arm ------------------------------------
SOAK_ARMHF_DIR   := build/soak-armhf
SOAK_ARMHF_CALLS ?= 2400
ARMHF_CC := arm-linux-gnueabihf-gcc

.PHONY: soak-armhf soak-armhf-lib
soak-armhf-lib:
	@sh mk/apt.sh gcc-arm-linux-gnueabihf libc6-dev-armhf-cross qemu-user
	@$(MAKE) -s lib BUILD=$(SOAK_ARMHF_DIR) CC=$(ARMHF_CC) AR=arm-linux-gnueabihf-ar MBEDTLS=36 \
	  V1=1 FULL=0 TLS_PROFILE=firmware SAN= OPT="-O2 -g" >/dev/null

$(SOAK_ARMHF_DIR)/soak: tests/soak/soak.c soak-armhf-lib
	@$(ARMHF_CC) $(CSTD) $(WARN) -O2 -g -D_POSIX_C_SOURCE=200809L -DASC_FULL=0 -Iinclude -Iport/posix \
	  -isystem $(MBEDTLS36_SRC)/include -I$(TOP)/port/mbedtls \
	  -DMBEDTLS_CONFIG_FILE='"asc_mbedtls_config.h"' -o $@ $< \
	  $(SOAK_ARMHF_DIR)/libasc.a $(SOAK_ARMHF_DIR)/libasc_posix.a $(SOAK_ARMHF_DIR)/mbedtls/libascmbedtls.a

soak-armhf: deps $(SOAK_ARMHF_DIR)/soak
	@if QEMU_LD_PREFIX=/usr/arm-linux-gnueabihf SOAK_RUNNER=qemu-arm \
	    sh tests/soak/run_soak.sh $(SOAK_ARMHF_DIR)/soak $(SOAK_ARMHF_CALLS) $(SOAK_ARENA) $(SOAK_WORK); \
	then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
