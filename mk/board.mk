# The MPS2-AN386 board firmware (boards/mps2-an386), included by the
# Makefile: one Cortex-M4 image with the LAN9118 driver, lwIP 2.1.3
# (NO_SYS=1) through port/lwip's raw flavour, mbedTLS 3.6 in a static arena
# and the library in the lean profile with clock sync; it runs under
# qemu-system-arm -M mps2-an386 on a tap device in a network namespace.
#
#   make test-board    (root) the firmware against the emulator over its own
#                      Ethernet; last line "N passed, N failed"
#   make bench-board   (root) flash / static RAM split, arena peak, stack
#                      high water, guest instructions of one DeleteImage with
#                      a full and with a resumed TLS handshake (TLS 1.3, 1.2)
#   make board-fw      just the image: build/board/asc-mps2-an386.elf
#
# Reuses mk/arm.mk (toolchain, QEMU, mbedTLS 3.6 for Cortex-M4) and
# mk/lwip.mk (the lwIP source list and the unpacked Debian source).

BOARD      := boards/mps2-an386
BOARD_DIR  := build/board
BOARD_ELF  := $(BOARD_DIR)/asc-mps2-an386.elf
BOARD_NAME := asc-mps2-an386

# Build time: the floor of the board's certificate clock (board_time.h).
# SOURCE_DATE_EPOCH when the build must be reproducible.
BOARD_BUILD_UTC := $(or $(SOURCE_DATE_EPOCH),$(shell date +%s))

BOARD_LWIP_INCS := -I$(BOARD) -isystem $(LWIP_SRC)/src/include
# Our code (library, port, board): the project's warnings, -Os, the lean
# profile (asc_config.h defaults) with clock sync; NDEBUG as in make size.
BOARD_CFLAGS = $(CSTD) $(WARN) $(ARM_M4_FLAGS) $(ARM_INCS) -I$(ASC_PORT_LWIP_INCLUDE_DIRS) \
               $(BOARD_LWIP_INCS) -DNDEBUG -DASC_ENABLE_V1=1 -DASC_ENABLE_CLOCK_SYNC=1 \
               -DMBEDTLS_PLATFORM_MS_TIME_ALT
# lwIP's own code: its warning policy (as mk/lwip.mk), same target flags.
BOARD_LWIP_CFLAGS = -std=gnu99 $(ARM_M4_FLAGS) -w $(BOARD_LWIP_INCS)

BOARD_SRCS := $(BOARD)/startup.c $(BOARD)/board.c $(BOARD)/semihost.c \
              $(BOARD)/lan9118.c $(BOARD)/lan9118_netif.c $(BOARD)/entropy.c \
              $(BOARD)/board_time.c $(BOARD)/newlib_glue.c $(BOARD)/main.c
# TEST ONLY entropy source (semihosting: the host's /dev/urandom).
BOARD_TEST_ENTROPY := $(BOARD)/entropy_semihost.c

BOARD_OBJ       := $(BOARD_DIR)/obj
BOARD_ASC_OBJS  := $(ASC_SRCS:%.c=$(BOARD_OBJ)/%.o)
BOARD_PORT_OBJS := $(ASC_PORT_LWIP_RAW_SRCS:%.c=$(BOARD_OBJ)/%.o)
BOARD_LIB_OBJS  := $(BOARD_ASC_OBJS) $(BOARD_PORT_OBJS)
BOARD_APP_OBJS  := $(BOARD_SRCS:%.c=$(BOARD_OBJ)/%.o)
BOARD_LWIP_OBJS := $(LWIP_CORE:%.c=$(BOARD_OBJ)/lwip/%.o)
BOARD_TEST_OBJS := $(BOARD_TEST_ENTROPY:%.c=$(BOARD_OBJ)/%.o)

BOARD_LDFLAGS = $(ARM_M4_FLAGS) --specs=nano.specs -nostartfiles -T $(BOARD)/mps2-an386.ld \
                -Wl,--gc-sections $(HEAP_WRAP) -Wl,--wrap=gmtime,--wrap=fprintf,--wrap=fputs,--wrap=exit
BOARD_LINK_INPUTS = $(BOARD_APP_OBJS) $(BOARD_LIB_OBJS) $(BOARD_LWIP_OBJS) $(M4_MBEDTLS)

.PHONY: board-fw test-board bench-board board-link-checks

$(BOARD_OBJ)/$(BOARD)/main.o: EXTRA_BOARD_DEFS := -DBOARD_BUILD_UTC=$(BOARD_BUILD_UTC)
$(BOARD_OBJ)/%.o: %.c $(ARM_DEPS) | $(LWIP_SRC)/.fetched
	@mkdir -p $(dir $@)
	@$(ARM_NONE)gcc $(BOARD_CFLAGS) $(EXTRA_BOARD_DEFS) -MMD -MP -c $< -o $@
$(BOARD_OBJ)/lwip/%.o: $(LWIP_SRC)/%.c $(BOARD)/lwipopts.h $(BOARD)/arch/cc.h \
    port/lwip/lwipopts_raw.h $(ARM_TC_STAMP) | $(LWIP_SRC)/.fetched
	@mkdir -p $(dir $@)
	@$(ARM_NONE)gcc $(BOARD_LWIP_CFLAGS) -c $< -o $@

# The firmware with the TEST ONLY entropy source: what the tests run.
$(BOARD_ELF): $(BOARD_LINK_INPUTS) $(BOARD_TEST_OBJS) $(BOARD)/mps2-an386.ld
	@$(ARM_NONE)gcc $(BOARD_LDFLAGS) -Wl,-Map=$(BOARD_DIR)/$(BOARD_NAME).map -o $@ \
	  $(BOARD_APP_OBJS) $(BOARD_TEST_OBJS) $(BOARD_LIB_OBJS) $(BOARD_LWIP_OBJS) $(M4_MBEDTLS)

board-fw: $(BOARD_ELF)

# Two links that must FAIL, kept as evidence for the tests (exit status and
# the linker's words in build/board/link-*.log):
#  - the firmware without any entropy source (board_entropy_source is the
#    application's to supply: no default exists);
# and one that must succeed and run: examples/cortex-m/main.c (the
# reference stub) on this board, which must refuse TLS (no entropy wired).
# (The stub brings its own SysTick handler and, like make firmware-cortex-m,
# newlib's nosys stubs for time().)
BOARD_STUB_OBJS := $(BOARD_OBJ)/examples/cortex-m/main.o $(BOARD_OBJ)/$(BOARD)/startup.o \
                   $(BOARD_OBJ)/$(BOARD)/semihost.o $(BOARD_OBJ)/$(BOARD)/newlib_glue.o
board-link-checks: $(BOARD_LINK_INPUTS) $(BOARD_STUB_OBJS)
	@$(ARM_NONE)gcc $(BOARD_LDFLAGS) -o $(BOARD_DIR)/no-entropy.elf $(BOARD_LINK_INPUTS) \
	  > $(BOARD_DIR)/link-no-entropy.log 2>&1; echo $$? > $(BOARD_DIR)/link-no-entropy.rc
	@$(ARM_NONE)gcc $(BOARD_LDFLAGS) --specs=nosys.specs -o $(BOARD_DIR)/cortex-m-stub.elf \
	  $(BOARD_STUB_OBJS) $(BOARD_ASC_OBJS) $(M4_MBEDTLS) \
	  > $(BOARD_DIR)/link-cortex-m-stub.log 2>&1; echo $$? > $(BOARD_DIR)/link-cortex-m-stub.rc

test-board:
	@sh $(TOP)/mk/apt.sh iproute2 iputils-ping python3 openssl qemu-system-arm
	@mkdir -p $(BOARD_DIR)
	@$(MAKE) -s board-fw board-link-checks > $(BOARD_DIR)/build.log 2>&1 || \
	  { tail -n 40 $(BOARD_DIR)/build.log; echo "board firmware build failed"; echo "0 passed, 1 failed"; exit 1; }
	@sh $(TOP)/tests/board/run.sh $(BOARD_DIR)

bench-board:
	@sh $(TOP)/mk/apt.sh iproute2 iputils-ping python3 openssl qemu-system-arm
	@mkdir -p $(BOARD_DIR)
	@$(MAKE) -s board-fw > $(BOARD_DIR)/build.log 2>&1 || \
	  { tail -n 40 $(BOARD_DIR)/build.log; echo "board firmware build failed"; exit 1; }
	@sh $(TOP)/tests/board/bench.sh $(BOARD_DIR)

-include $(shell find $(BOARD_OBJ) -name '*.d' 2>/dev/null)
