# ARM targets (included by the Makefile): size and stack reports for
# Cortex-M4, benchmarks on the host, the unit tests on Cortex-M4 under
# qemu-system-arm and on 32-bit ARM Linux under qemu-arm, the Cortex-M4
# firmware link, and `make install`.
#
#   make size       text/data/bss per object for Cortex-M4 (-Os), last line
#                   "total: N bytes" (text+data of src/ minus tls.c, default
#                   profile of include/asc_config.h); also V3-only and FULL;
#                   fails above SIZE_BUDGET (make size-report: no check)
#   make size-knobs the cost of each knob of include/asc_config.h (the same
#                   count, CMake Cortex-M4 build)
#   make stack      worst-case stack of asc_delete_image through our frames on
#                   Cortex-M4, last line "stack: N bytes"; fails above
#                   STACK_BUDGET
#   make bench      signing cost (callgrind), signatures/s, TLS arena peak and
#                   x86-64 stack chain (needs the emulator; not part of make test)
#   make test-arm   unit tests on Cortex-M4 (QEMU mps2-an386, semihosting) and
#                   the host suite on armhf Linux (qemu-arm, ASan+UBSan)
#   make firmware-cortex-m   examples/cortex-m: full link, arm-none-eabi-size
#   make install PREFIX=/usr/local [DESTDIR=]
#
# Toolchains come from Debian (installed on demand by mk/apt.sh, without
# recommends). The cross compilers never see the host's /usr/include: jsmn
# is copied into the build tree, mbedTLS headers come from build/deps.

ARM_DIR      := build/arm
ARM_NONE     := arm-none-eabi-
ARM_M4_FLAGS := -mcpu=cortex-m4 -mthumb -Os -ffunction-sections -fdata-sections
ARM_MBED_INC := -isystem $(MBEDTLS36_SRC)/include -I$(TOP)/port/mbedtls \
                -DMBEDTLS_CONFIG_FILE='"asc_mbedtls_config.h"'
ARM_INCS     := -Iinclude -I$(ARM_DIR)/include $(ARM_MBED_INC)
ARM_CFLAGS    = $(CSTD) $(WARN) $(ARM_M4_FLAGS) $(ARM_INCS)
ARM_TC_STAMP := $(ARM_DIR)/.toolchain-none-eabi
ARM_LNX_STAMP := $(ARM_DIR)/.toolchain-linux
ARM_QEMU_STAMP := $(ARM_DIR)/.qemu

.PHONY: size size-report stack bench test-arm test-arm-m4 test-arm-linux firmware-cortex-m install

$(ARM_TC_STAMP):
	@sh mk/apt.sh gcc-arm-none-eabi libnewlib-arm-none-eabi libjsmn-dev
	@mkdir -p $(dir $@) && touch $@
$(ARM_LNX_STAMP):
	@sh mk/apt.sh gcc-arm-linux-gnueabihf libc6-dev-armhf-cross libjsmn-dev
	@mkdir -p $(dir $@) && touch $@
$(ARM_QEMU_STAMP):
	@sh mk/apt.sh qemu-system-arm qemu-user
	@mkdir -p $(dir $@) && touch $@

$(ARM_DIR)/include/jsmn.h: $(ARM_TC_STAMP) $(JSMN_H)
	@mkdir -p $(dir $@)
	cp $(JSMN_H) $@

ARM_DEPS := $(ARM_TC_STAMP) $(MBEDTLS36_SRC)/.fetched $(ARM_DIR)/include/jsmn.h

# ---- make size -------------------------------------------------------------
# Like the AWS SDK size tables: -DNDEBUG, each object's text+data, no link.
ARM_SIZE_SRCS := $(filter-out %/tls.c,$(ASC_SRCS))
ARM_SIZE1_OBJS := $(ARM_SIZE_SRCS:%.c=$(ARM_DIR)/size-v1/%.o)
ARM_SIZE0_OBJS := $(ARM_SIZE_SRCS:%.c=$(ARM_DIR)/size-v3only/%.o)
ARM_SIZEF_OBJS := $(ARM_SIZE_SRCS:%.c=$(ARM_DIR)/size-full/%.o)

$(ARM_DIR)/size-v1/%.o: %.c $(ARM_DEPS)
	@mkdir -p $(dir $@)
	@$(ARM_NONE)gcc $(ARM_CFLAGS) -MMD -MP -DNDEBUG -DASC_ENABLE_V1=1 -c $< -o $@
$(ARM_DIR)/size-v3only/%.o: %.c $(ARM_DEPS)
	@mkdir -p $(dir $@)
	@$(ARM_NONE)gcc $(ARM_CFLAGS) -MMD -MP -DNDEBUG -DASC_ENABLE_V1=0 -c $< -o $@
$(ARM_DIR)/size-full/%.o: %.c $(ARM_DEPS)
	@mkdir -p $(dir $@)
	@$(ARM_NONE)gcc $(ARM_CFLAGS) -MMD -MP -DNDEBUG -DASC_ENABLE_V1=1 -DASC_FULL=1 -c $< -o $@

# The ceilings of issue 14 (a budget is a ceiling, never a target): make
# size fails when the default profile's total is above SIZE_BUDGET, make
# stack when its worst chain is above STACK_BUDGET.
SIZE_BUDGET  := 10240
STACK_BUDGET := 1536

size: size-report
	@n=$$(sed -n 's/^total: \([0-9]*\) bytes$$/\1/p' $(ARM_DIR)/size-v1.txt); \
	 if [ -z "$$n" ] || [ "$$n" -gt $(SIZE_BUDGET) ]; then \
	   echo "size: $$n bytes is over the budget of $(SIZE_BUDGET): FAILED"; exit 1; fi

# The same tables without the budget check (tests/cmake compares them).
size-report: $(ARM_SIZE1_OBJS) $(ARM_SIZE0_OBJS) $(ARM_SIZEF_OBJS)
	@echo "== every optional feature on (-DASC_FULL=1: tools, query, strict parsing, clock sync, status text), Cortex-M4 -Os"
	@sh tools/size.sh $(ARM_NONE)size "full" $(ARM_SIZEF_OBJS) | sed 's/^total:/full-profile total:/'
	@echo "== V3-only (-DASC_ENABLE_V1=0), Cortex-M4 -Os"
	@sh tools/size.sh $(ARM_NONE)size "V3 only" $(ARM_SIZE0_OBJS) | sed 's/^total:/V3-only total:/'
	@echo "== default profile (V3 + V1, include/asc_config.h), Cortex-M4 -Os; budget $(SIZE_BUDGET) bytes"
	@sh tools/size.sh $(ARM_NONE)size "V3+V1" $(ARM_SIZE1_OBJS) > $(ARM_DIR)/size-v1.txt
	@cat $(ARM_DIR)/size-v1.txt

# make size-knobs: each knob of include/asc_config.h alone on top of the lean
# default, same count, built with CMake and cmake/arm-none-eabi-cortex-m4.cmake
# (tools/knob_cost.sh; docs/integration.md quotes the figures).
.PHONY: size-knobs
size-knobs: $(ARM_DEPS)
	@sh mk/apt.sh cmake
	@sh tools/knob_cost.sh

# ---- make stack ------------------------------------------------------------
# -fstack-usage frames + -fcallgraph-info=su call graph over every source
# (tls.c included: DeleteImage goes through it), -Os as in the size build.
ARM_STACK_OBJS := $(ASC_SRCS:%.c=$(ARM_DIR)/stack-v1/%.o)
ARM_STACK0_OBJS := $(ASC_SRCS:%.c=$(ARM_DIR)/stack-v3only/%.o)
$(ARM_DIR)/stack-v1/%.o: %.c $(ARM_DEPS)
	@mkdir -p $(dir $@)
	@$(ARM_NONE)gcc $(ARM_CFLAGS) -MMD -MP -DNDEBUG -DASC_ENABLE_V1=1 -fstack-usage -fcallgraph-info=su -c $< -o $@
$(ARM_DIR)/stack-v3only/%.o: %.c $(ARM_DEPS)
	@mkdir -p $(dir $@)
	@$(ARM_NONE)gcc $(ARM_CFLAGS) -MMD -MP -DNDEBUG -DASC_ENABLE_V1=0 -fstack-usage -fcallgraph-info=su -c $< -o $@

stack: $(ARM_STACK_OBJS) $(ARM_STACK0_OBJS)
	@echo "== V3-only (-DASC_ENABLE_V1=0), Cortex-M4 -Os"
	@python3 tools/stack.py --label "V3 only" $(ARM_STACK0_OBJS:.o=.ci) | sed 's/^stack:/V3-only stack:/'
	@echo "== default (V3 + V1), Cortex-M4 -Os; budget $(STACK_BUDGET) bytes"
	@python3 tools/stack.py --label "V3+V1" $(ARM_STACK_OBJS:.o=.ci) > $(ARM_DIR)/stack-v1.txt; \
	 rc=$$?; cat $(ARM_DIR)/stack-v1.txt; test $$rc -eq 0
	@n=$$(sed -n 's/^stack: \([0-9]*\) bytes$$/\1/p' $(ARM_DIR)/stack-v1.txt); \
	 if [ -z "$$n" ] || [ "$$n" -gt $(STACK_BUDGET) ]; then \
	   echo "stack: $$n bytes is over the budget of $(STACK_BUDGET): FAILED"; exit 1; fi

# ---- make bench (host; not part of make test) -------------------------------
# A separate BUILD dir so benchmarks never disturb the test builds. Our
# mbedTLS config already defines MBEDTLS_MEMORY_DEBUG (unless
# ASC_MBEDTLS_NO_MEMORY_DEBUG), which asc_tls_arena_peak needs; a build
# without it can add it with MBEDTLS_EXTRA_CFLAGS=-DMBEDTLS_MEMORY_DEBUG
# (mk/mbedtls.mk appends that variable to mbedTLS's own flags).
BENCH_DIR := build/bench
BENCH_X86_CI := $(ASC_SRCS:%.c=$(BENCH_DIR)/stack-x86/%.o)

# The benchmarks measure the firmware TLS profile (4 KiB input records, as
# the figures of tools/bench.sh say); the library and bench_tls must agree.
.PHONY: bench-lib
bench-lib:
	@$(MAKE) -s lib BUILD=$(BENCH_DIR) MBEDTLS=36 V1=1 FULL=1 TLS_PROFILE=firmware SAN= OPT="-O2 -g" >/dev/null

$(BENCH_DIR)/bench_%: tools/bench/bench_%.c bench-lib
	$(CC) $(CSTD) $(WARN) -O2 -g -D_POSIX_C_SOURCE=200809L -DASC_FULL=1 -Iinclude -Iport/posix \
	  -isystem $(MBEDTLS36_SRC)/include -I$(TOP)/port/mbedtls \
	  -DMBEDTLS_CONFIG_FILE='"asc_mbedtls_config.h"' -o $@ $< \
	  $(BENCH_DIR)/libasc.a $(BENCH_DIR)/libasc_posix.a $(BENCH_DIR)/mbedtls/libascmbedtls.a

$(BENCH_DIR)/stack-x86/%.o: %.c $(JSMN_H) $(MBEDTLS36_SRC)/.fetched
	@mkdir -p $(dir $@)
	@$(CC) $(CSTD) $(WARN) -O2 -DNDEBUG -DASC_ENABLE_V1=1 -Iinclude -I$(BUILD)/include \
	  $(MBEDTLS_CFLAGS) -fstack-usage -fcallgraph-info=su -c $< -o $@

bench: deps $(BENCH_DIR)/bench_sign $(BENCH_DIR)/bench_tls $(BENCH_X86_CI)
	@sh mk/apt.sh valgrind python3 openssl
	@sh tools/bench.sh $(BENCH_DIR) $(BENCH_DIR)/stack-x86

# ---- make test-arm (a): Cortex-M4 bare metal under qemu-system-arm ---------
# The unit tests that need no network, with tests/harness.c, the heap guard
# (--wrap of the allocator; newlib's stdio allocates through _malloc_r,
# which is not wrapped) and the scripted fake port. tests/arm/m4 supplies
# sys/mman.h (static pool; PROT_NONE guard pages are MPU regions, so the
# guard-page tests keep their teeth), sysconf, mbedtls_hardware_poll and
# mbedtls_ms_time, startup and the linker script. mbedTLS 3.6 is built for
# Cortex-M4 with our config plus MBEDTLS_PLATFORM_MS_TIME_ALT (no
# clock_gettime on bare metal).
M4_DIR   := build/arm/m4
M4_TESTS := test_sign test_vectors test_hash test_http_parse test_json test_errors test_client
M4_MBED_FLAGS := $(ARM_M4_FLAGS) -DMBEDTLS_PLATFORM_MS_TIME_ALT
M4_MBEDTLS := $(M4_DIR)/mbedtls/libascmbedtls.a
M4_CFLAGS = $(ARM_CFLAGS) -DMBEDTLS_PLATFORM_MS_TIME_ALT -DASC_ENABLE_V1=1
M4_LIB_OBJS := $(ASC_SRCS:%.c=$(M4_DIR)/obj/%.o)
M4_HARNESS := $(addprefix $(M4_DIR)/obj/tests/,harness.o heap_guard.o fake_port.o arm/m4/glue.o arm/m4/startup.o arm/m4/printf_z.o)
M4_ELFS  := $(M4_TESTS:%=$(M4_DIR)/tests/%.elf)
M4_LDFLAGS := $(ARM_M4_FLAGS) --specs=rdimon.specs -nostartfiles \
              -T tests/arm/m4/mps2-an386.ld -Wl,--gc-sections $(HEAP_WRAP) \
              -Wl,--wrap=snprintf,--wrap=fprintf,--wrap=printf

# (The sub-make has BUILD=$(M4_DIR), where mk/mbedtls.mk owns this target.)
ifneq ($(BUILD),$(M4_DIR))
$(M4_MBEDTLS): $(ARM_TC_STAMP) $(MBEDTLS36_SRC)/.fetched $(MBEDTLS_CONFIG)
	@$(MAKE) -s $@ BUILD=$(M4_DIR) CC=$(ARM_NONE)gcc AR=$(ARM_NONE)ar \
	  MBEDTLS=36 TLS_PROFILE=firmware MBEDTLS_EXTRA_CFLAGS="$(M4_MBED_FLAGS)"
endif

$(ARM_DIR)/include/vectors.h: tests/gen_vectors.py $(VECTORS_JSON)
	@mkdir -p $(dir $@)
	python3 tests/gen_vectors.py $(VECTORS_JSON) > $@.tmp && mv $@.tmp $@

$(M4_DIR)/obj/src/%.o: src/%.c $(ARM_DEPS)
	@mkdir -p $(dir $@)
	@$(ARM_NONE)gcc $(M4_CFLAGS) -MMD -MP -c $< -o $@
$(M4_DIR)/obj/tests/%.o: tests/%.c $(ARM_DEPS) $(ARM_DIR)/include/vectors.h
	@mkdir -p $(dir $@)
	@$(ARM_NONE)gcc $(M4_CFLAGS) -MMD -MP -D_DEFAULT_SOURCE -Itests -Itests/arm/m4/include -c $< -o $@
$(M4_DIR)/libasc.a: $(M4_LIB_OBJS)
	@rm -f $@
	@$(ARM_NONE)ar rcs $@ $^
$(M4_DIR)/tests/%.elf: $(M4_DIR)/obj/tests/unit/%.o $(M4_HARNESS) $(M4_DIR)/libasc.a $(M4_MBEDTLS)
	@mkdir -p $(dir $@)
	@$(ARM_NONE)gcc $(M4_LDFLAGS) -o $@ $< $(M4_HARNESS) $(M4_DIR)/libasc.a $(M4_MBEDTLS)

test-arm-m4: $(M4_ELFS) $(ARM_QEMU_STAMP)
	@sh tests/arm/run_qemu.sh m4 $(M4_ELFS)

# ---- make test-arm (b): the host unit suite on 32-bit ARM Linux -------------
# Cross-built with gcc-arm-linux-gnueabihf (mbedTLS 3.6 cross-built with the
# same config by mk/mbedtls.mk), ASan+UBSan, run under qemu-arm with the
# armhf sysroot; LeakSanitizer does not work under qemu-user.
LNX_DIR := build/arm/linux
.PHONY: arm-test-bins
arm-test-bins: $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))

test-arm-linux: $(ARM_LNX_STAMP) $(ARM_QEMU_STAMP) $(JSMN_H)
	@$(MAKE) -s arm-test-bins BUILD=$(LNX_DIR) CC=arm-linux-gnueabihf-gcc \
	  AR=arm-linux-gnueabihf-ar MBEDTLS=36 SAN=1 V1=1
	@sh mk/apt.sh openssl python3
	@ASAN_OPTIONS=detect_leaks=0 sh tests/arm/run_qemu.sh linux $(TEST_SRCS:tests/unit/%.c=$(LNX_DIR)/tests/%)

# ---- make test-arm: both, one "N passed, N failed" -------------------------
test-arm:
	@mkdir -p $(ARM_DIR)
	@$(MAKE) -s test-arm-m4 > $(ARM_DIR)/test-arm-m4.log 2>&1; echo $$? > $(ARM_DIR)/test-arm-m4.rc
	@$(MAKE) -s test-arm-linux > $(ARM_DIR)/test-arm-linux.log 2>&1; echo $$? > $(ARM_DIR)/test-arm-linux.rc
	@sh tests/arm/tally.sh "Cortex-M4 (qemu-system-arm mps2-an386)" $(ARM_DIR)/test-arm-m4 \
	  "armhf Linux ASan+UBSan (qemu-arm)" $(ARM_DIR)/test-arm-linux

# ---- make firmware-cortex-m: examples/cortex-m, a complete link -------------
# Library (-Os, -DNDEBUG) + mbedTLS 3.6 for Cortex-M4 (the test-arm build:
# our config, static arena, 4 KiB records) + a minimal application calling
# asc_delete_image through a stub port; newlib-nano, --gc-sections.
FW_DIR  := $(ARM_DIR)/fw
FW_OBJS := $(ASC_SRCS:%.c=$(FW_DIR)/obj/%.o) $(FW_DIR)/obj/examples/cortex-m/main.o \
           $(FW_DIR)/obj/examples/cortex-m/startup.o
FW_ELF  := $(FW_DIR)/asc-cortex-m4.elf

$(FW_DIR)/obj/%.o: %.c $(ARM_DEPS)
	@mkdir -p $(dir $@)
	@$(ARM_NONE)gcc $(ARM_CFLAGS) -MMD -MP -DNDEBUG -DASC_ENABLE_V1=1 -DMBEDTLS_PLATFORM_MS_TIME_ALT -c $< -o $@
$(FW_ELF): $(FW_OBJS) $(M4_MBEDTLS) examples/cortex-m/cortex-m4.ld
	@$(ARM_NONE)gcc $(ARM_M4_FLAGS) --specs=nano.specs --specs=nosys.specs -nostartfiles \
	  -T examples/cortex-m/cortex-m4.ld -Wl,--gc-sections -Wl,-Map=$(FW_DIR)/asc-cortex-m4.map \
	  -o $@ $(FW_OBJS) $(M4_MBEDTLS)

firmware-cortex-m: $(FW_ELF)
	@$(ARM_NONE)size $(FW_ELF)
	@$(ARM_NONE)size -A $(FW_ELF) | awk '{ s[$$1] = $$2 } END { \
	  printf "flash: %d bytes (vectors+text+exidx+data init)\n", s[".isr_vector"] + s[".text"] + s[".ARM.exidx"] + s[".data"]; \
	  printf "ram: %d bytes static (data %d + bss %d) + %d stack = %d bytes\n", s[".data"] + s[".bss"], s[".data"], s[".bss"], s[".stack"], s[".data"] + s[".bss"] + s[".stack"] }'
	@python3 tools/fw_breakdown.py $(FW_DIR)/asc-cortex-m4.map

# ---- make install PREFIX=... [DESTDIR=...] ----------------------------------
# Headers (include/*.h and the POSIX port's header) into PREFIX/include/asc,
# libasc.a and libasc_posix.a into PREFIX/lib, asc.pc into
# PREFIX/lib/pkgconfig. With MBEDTLS=36 (default) the library is compiled
# against our own mbedTLS 3.6 build, so that goes along too: libascmbedtls.a,
# its headers and port/mbedtls/asc_mbedtls_config.h (the struct layouts of
# asc_tls.h depend on it: the installed mbedtls/mbedtls_config.h includes
# it, so no MBEDTLS_CONFIG_FILE quoting through pkg-config). With
# MBEDTLS=228 asc.pc links Debian's system mbedTLS instead.
PREFIX  ?= /usr/local
DESTDIR ?=
ASC_VERSION := $(shell sed -n 's/^\#define ASC_VERSION_STRING "\(.*\)"/\1/p' include/asc.h)
# The installed library's profile travels with it (asc_config.h knobs).
INSTALL_PC_PROFILE := -DASC_FULL=$(FULL) -DASC_ENABLE_V1=$(V1)
ifeq ($(MBEDTLS),228)
INSTALL_PC_CFLAGS := -DASC_MBEDTLS_SYSTEM=1
INSTALL_PC_LIBS   := -lmbedtls -lmbedx509 -lmbedcrypto
else
INSTALL_PC_CFLAGS :=
INSTALL_PC_LIBS   := -lascmbedtls
endif
INSTALL_INC := $(DESTDIR)$(PREFIX)/include/asc
INSTALL_LIB := $(DESTDIR)$(PREFIX)/lib

install: lib asc.pc.in
	install -d $(INSTALL_INC) $(INSTALL_LIB)/pkgconfig
	install -m 644 include/*.h $(ASC_PORT_POSIX_INCLUDE_DIRS)/asc_port_posix.h $(INSTALL_INC)/
	install -m 644 $(LIB) $(PORTLIB) $(INSTALL_LIB)/
ifneq ($(MBEDTLS),228)
	install -m 644 $(MBEDTLS_AR) $(INSTALL_LIB)/
	install -m 644 port/mbedtls/asc_mbedtls_config.h $(INSTALL_INC)/
	cp -R $(MBEDTLS36_SRC)/include/mbedtls $(MBEDTLS36_SRC)/include/psa $(INSTALL_INC)/
	printf '%s\n' '/* Installed by asc: this private copy of mbedTLS 3.6 is built with' \
	  ' * asc_mbedtls_config.h, so that is its default configuration (no' \
	  ' * MBEDTLS_CONFIG_FILE quoting through pkg-config needed). */' \
	  '#include "../asc_mbedtls_config.h"' > $(INSTALL_INC)/mbedtls/mbedtls_config.h
endif
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(ASC_VERSION)|' \
	    -e 's|@CFLAGS_MBEDTLS@|$(INSTALL_PC_PROFILE) $(INSTALL_PC_CFLAGS)|' -e 's|@LIBS_MBEDTLS@|$(INSTALL_PC_LIBS)|' \
	    asc.pc.in > $(INSTALL_LIB)/pkgconfig/asc.pc

# Header dependencies of every ARM object (size, stack, M4 tests, firmware).
-include $(shell find $(ARM_DIR) -name '*.d' 2>/dev/null)
