# lwIP ports (port/lwip): lwIP 2.1.3 built from the Debian bookworm SOURCE
# package (not Debian's liblwip binary, a Hurd build) with our lwipopts.h
# and static pools, and the end-to-end test on a tap device in a network
# namespace. Included by the Makefile.
#
#   make test-lwip   (root) both flavours against the emulator over TLS,
#                    ends "N passed, N failed"
#   make lwip-size   static RAM of lwIP + the port with the sample options
#
# Layout: build/deps/lwip-2.1 (unpacked once, shared, never written after),
# $(BUILD)/lwip/{sock,raw}/ objects, archives and the test programs. The
# test programs are built with ASan+UBSan (lwIP's own sources too, with
# their own flags); mbedTLS is $(MBEDTLS_LIBS) from mk/mbedtls.mk.

include port/lwip/port.mk

# Keep the Makefile's default goal: nothing here is a default target.
lwip_saved_goal := $(.DEFAULT_GOAL)

LWIP_SRC   := $(DEPS_DIR)/lwip-2.1
LWIP_OUT   := $(BUILD)/lwip
LWIP_SAN   := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# lwIP sources (relative to $(LWIP_SRC)): the core for both flavours, the
# sequential/socket API for NO_SYS=0, and the contrib unix port (sys_arch,
# tap netif) that the host test uses.
LWIP_CORE := src/core/init.c src/core/def.c src/core/dns.c src/core/inet_chksum.c \
  src/core/ip.c src/core/mem.c src/core/memp.c src/core/netif.c src/core/pbuf.c \
  src/core/raw.c src/core/stats.c src/core/sys.c src/core/tcp.c src/core/tcp_in.c \
  src/core/tcp_out.c src/core/timeouts.c src/core/udp.c \
  src/core/ipv4/etharp.c src/core/ipv4/icmp.c src/core/ipv4/ip4.c \
  src/core/ipv4/ip4_addr.c src/core/ipv4/ip4_frag.c src/core/ipv4/dhcp.c \
  src/core/ipv4/autoip.c src/core/ipv4/igmp.c \
  src/netif/ethernet.c src/api/err.c
LWIP_API  := src/api/api_lib.c src/api/api_msg.c src/api/netbuf.c src/api/netdb.c \
  src/api/sockets.c src/api/tcpip.c
LWIP_UNIX := unixport/sys_arch.c unixport/netif/tapif.c

LWIP_SOCK_SRCS := $(LWIP_CORE) $(LWIP_API) $(LWIP_UNIX)
LWIP_RAW_SRCS  := $(LWIP_CORE) $(LWIP_UNIX)

# Include paths: our test lwipopts.h first, lwIP, the unix arch headers.
lwip_incs = -Itests/lwip/$(1) -isystem $(LWIP_SRC)/src/include -isystem $(LWIP_SRC)/unixport/include
# lwIP's own code: its own warning policy, our sanitizers.
LWIP_OWN_CFLAGS = -std=gnu99 -O1 -g -w $(LWIP_SAN) -D_GNU_SOURCE $(call lwip_incs,$(1))
# Our code (port, library, test): the project's rules, plus ASan/UBSan. The
# library is the lean default profile plus clock sync (the tests run a board
# without a clock: port/lwip/README.md).
LWIP_OUR_CFLAGS = $(CSTD) $(WARN) -O1 -g $(LWIP_SAN) -DASC_ENABLE_V1=1 -DASC_ENABLE_CLOCK_SYNC=1 -D_DEFAULT_SOURCE \
  -Iinclude -I$(ASC_PORT_LWIP_INCLUDE_DIRS) -I$(BUILD)/include $(MBEDTLS_CFLAGS) $(call lwip_incs,$(1))

$(LWIP_SRC)/.fetched:
	sh $(TOP)/port/lwip/fetch_lwip.sh $(LWIP_SRC)
# Sources appear when the package is unpacked (order-only: never "newer").
$(LWIP_SRC)/%.c: | $(LWIP_SRC)/.fetched
	@test -f $@

define LWIP_FLAVOUR
# $(1) = sock|raw, $(2) = lwIP sources, $(3) = our port source, $(4) = test defines
LWIP_$(1)_OBJS := $$(patsubst %.c,$(LWIP_OUT)/$(1)/lwip/%.o,$(2))
LWIP_$(1)_ASC_OBJS := $$(patsubst %.c,$(LWIP_OUT)/$(1)/asc/%.o,$(ASC_SRCS) $(3) tests/lwip/lwip_e2e.c)

$(LWIP_OUT)/$(1)/lwip/%.o: $(LWIP_SRC)/%.c tests/lwip/$(1)/lwipopts.h port/lwip/lwipopts_sockets.h port/lwip/lwipopts_raw.h | $(LWIP_SRC)/.fetched
	@mkdir -p $$(dir $$@)
	@$$(CC) $$(call LWIP_OWN_CFLAGS,$(1)) -c $$< -o $$@

$(LWIP_OUT)/$(1)/asc/%.o: %.c tests/lwip/$(1)/lwipopts.h $(MBEDTLS_STAMP) $(JSMN_H) | $(LWIP_SRC)/.fetched
	@mkdir -p $$(dir $$@)
	$$(CC) $$(call LWIP_OUR_CFLAGS,$(1)) $(4) -MMD -MP -c $$< -o $$@

$(LWIP_OUT)/$(1)/liblwip.a: $$(LWIP_$(1)_OBJS)
	@rm -f $$@
	$$(AR) rcs $$@ $$^

$(LWIP_OUT)/lwip_e2e_$(1): $$(LWIP_$(1)_ASC_OBJS) $(LWIP_OUT)/$(1)/liblwip.a $(MBEDTLS_STAMP)
	$$(CC) $(LWIP_SAN) -o $$@ $$(LWIP_$(1)_ASC_OBJS) $(LWIP_OUT)/$(1)/liblwip.a $(MBEDTLS_LIBS) -lpthread

-include $$(LWIP_$(1)_ASC_OBJS:.o=.d)
endef

$(eval $(call LWIP_FLAVOUR,sock,$(LWIP_SOCK_SRCS),$(ASC_PORT_LWIP_SOCKETS_SRCS),-DASC_LWIP_SOCKETS))
$(eval $(call LWIP_FLAVOUR,raw,$(LWIP_RAW_SRCS),$(ASC_PORT_LWIP_RAW_SRCS),))

# The wiring examples of port/lwip/README.md, compiled (not linked: the
# board functions are the reader's) against each flavour's options.
LWIP_EXAMPLE_OBJS := $(LWIP_OUT)/sock/asc/port/lwip/examples/sockets_task.o \
                     $(LWIP_OUT)/raw/asc/port/lwip/examples/bare_metal.o

.PHONY: test-lwip lwip-bins lwip-size
lwip-bins: $(LWIP_OUT)/lwip_e2e_sock $(LWIP_OUT)/lwip_e2e_raw $(LWIP_EXAMPLE_OBJS)

# The lwIP stack stands for a board: its test build uses the firmware TLS
# profile (4 KiB records + max_fragment_length, the 24 KiB arena of
# asc_tls.h) in a BUILD directory of its own, whatever FULL the command
# line has (the default FULL=1 means the host profile's 16 KiB records,
# which do not fit that arena).
LWIP_FW_BUILD := $(BUILD)/lwip-fw
test-lwip:
	@sh $(TOP)/mk/apt.sh iproute2 python3 openssl ca-certificates libjsmn-dev
	@mkdir -p $(LWIP_FW_BUILD)/lwip
	@$(MAKE) -s lwip-bins BUILD=$(LWIP_FW_BUILD) TLS_PROFILE=firmware CC="$(CC)" >$(LWIP_FW_BUILD)/lwip/build.log 2>&1 || \
	  { tail -n 40 $(LWIP_FW_BUILD)/lwip/build.log; echo "lwIP build failed"; echo "0 passed, 1 failed"; exit 1; }
	@sh $(TOP)/tests/lwip/run.sh $(LWIP_FW_BUILD)/lwip $(LWIP_SRC)

.DEFAULT_GOAL := $(lwip_saved_goal)

# Static RAM / flash of lwIP + port with the sample options: host gcc -Os
# and, when available (installed on demand), Cortex-M4 (arm-none-eabi).
lwip-size: | $(LWIP_SRC)/.fetched
	@sh $(TOP)/mk/apt.sh gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi
	@for fl in sock raw; do \
	  if [ $$fl = sock ]; then s="$(LWIP_CORE) $(LWIP_API)"; else s="$(LWIP_CORE)"; fi; \
	  echo "== $$fl, x86-64 gcc -Os"; \
	  sh $(TOP)/tests/lwip/size.sh $(LWIP_OUT)/size-host-$$fl $(LWIP_SRC) gcc "-Os" $$fl $$s || exit 1; \
	  echo "== $$fl, Cortex-M4 arm-none-eabi-gcc -Os"; \
	  sh $(TOP)/tests/lwip/size.sh $(LWIP_OUT)/size-m4-$$fl $(LWIP_SRC) arm-none-eabi-gcc \
	    "-Os -mcpu=cortex-m4 -mthumb -ffunction-sections -fdata-sections" $$fl $$s || exit 1; \
	done
