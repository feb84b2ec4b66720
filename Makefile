# asc - App Streaming Client. Plain Makefile; see README.md.
#
#   make            build/libasc.a (+ port library), mbedTLS 3.6 fetched/built
#   make test       the whole suite, every configuration, ends "N passed, N failed"
#   make check      one configuration's unit tests (CC=, MBEDTLS=, SAN=)
#   make check-heap nm -u over the library objects: no allocator references
#   make check-vectors  tests/vectors/ regenerates from the official SDK
#   make prove      Frama-C EVA over tests/prove/ (mk/prove.mk; installs frama-c-base)
#   make test-cmake CMake, pkg-config and cross builds of an outside project
#                   (tests/cmake/run_tests.py; the commands of docs/integration.md)
#   make test-public-suites  JSONTestSuite, JSON_checker, picohttpparser's and
#                   http-parser's cases against the strict parsers, ASan+UBSan
#                   (tests/public/)
#
# Knobs: CC (gcc|clang), MBEDTLS (36 = 3.6 LTS built from the Debian source
# package with our config, 228 = Debian's 2.28 system package), SAN=1
# (ASan+UBSan), BUILD (output directory), CROSS (toolchain prefix), V1=0
# (V3 only), FULL=0 (the lean firmware profile of include/asc_config.h;
# the default FULL=1 builds every optional feature, as the CLI needs).

# CROSS=<prefix> (e.g. arm-linux-gnueabihf-): $(CROSS)gcc and $(CROSS)ar
# build the library, the POSIX port and mbedTLS 3.6 (a CC or AR given on
# the command line wins). Use its own BUILD= directory.
CROSS    ?=
ifeq ($(origin CC),default)
CC       := $(CROSS)gcc
endif
ifeq ($(origin AR),default)
AR       := $(CROSS)ar
endif
MBEDTLS  ?= 36
SAN      ?=
BUILD    ?= build
V1       ?= 1
FULL     ?= 1

TOP      := $(abspath .)
.DEFAULT_GOAL := all
include mk/deps.mk
include mk/mbedtls.mk
include src/sources.mk
include port/posix/port.mk
# Target groups owned by their own files (each optional until it lands).
-include mk/lwip.mk mk/arm.mk mk/hardening.mk mk/board.mk mk/interop.mk mk/soak.mk mk/prove.mk mk/mutate.mk mk/public_suites.mk mk/wp.mk

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wvla -Werror
CSTD     := -std=c99
OPT      ?= -O2 -g
SAN_LIST := address,undefined
SANFLAGS := $(if $(SAN),-fsanitize=$(SAN_LIST) -fno-sanitize-recover=all -fno-omit-frame-pointer)
DEFS     := -DASC_ENABLE_V1=$(V1) -DASC_FULL=$(FULL) -D_POSIX_C_SOURCE=200809L
INCS     := -Iinclude -I$(ASC_PORT_POSIX_INCLUDE_DIRS) -I$(BUILD)/include $(MBEDTLS_CFLAGS)
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(SANFLAGS) $(DEFS) $(INCS) $(EXTRA_CFLAGS)

# Build outputs are keyed by configuration. The knobs that change what an
# object of ours contains are written to $(BUILD)/config.txt; when a command
# line names other values than the last build in that directory, the file is
# rewritten and every object that depends on it is rebuilt (so `make lib
# FULL=0` after a default build rebuilds the lean library, and `make install
# FULL=0` installs exactly the profile it writes into asc.pc). mbedTLS's own
# objects depend on the compiler and the TLS record profile (mk/mbedtls.mk,
# mbedtls-config.txt; TLS_PROFILE follows FULL unless given).
CONFIG_STAMP := $(BUILD)/config.txt
CONFIG_LINE  := CC=$(CC) MBEDTLS=$(MBEDTLS) SAN=$(SAN) V1=$(V1) FULL=$(FULL) TLS_PROFILE=$(TLS_PROFILE) OPT=$(OPT) EXTRA_CFLAGS=$(EXTRA_CFLAGS)
ifneq ($(file <$(CONFIG_STAMP)),$(CONFIG_LINE))
$(shell mkdir -p $(BUILD))
$(file >$(CONFIG_STAMP),$(CONFIG_LINE))
endif

LIB      := $(BUILD)/libasc.a
PORTLIB  := $(BUILD)/libasc_posix.a
LIB_OBJS  := $(ASC_SRCS:%.c=$(BUILD)/obj/%.o)
PORT_OBJS := $(ASC_PORT_POSIX_SRCS:%.c=$(BUILD)/obj/%.o)

TEST_SRCS := $(wildcard tests/unit/test_*.c)
TEST_BINS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
HARNESS_OBJS := $(BUILD)/obj/tests/harness.o $(BUILD)/obj/tests/heap_guard.o $(BUILD)/obj/tests/fake_port.o
HEAP_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free

.PHONY: all lib cli demo check test check-heap check-vectors test-cmake clean deps
.SECONDARY:
all: lib $(BUILD)/asc
lib: $(LIB) $(PORTLIB)

# The host programs people run - the command-line tool (examples/cli/*.c)
# and the README's example - are built hardened as Debian's dpkg-buildflags
# (hardening=+all) would build them: stack protector, _FORTIFY_SOURCE=2
# (it needs optimisation, so only when OPT has -O1..3/-Os/-Og), PIE, full
# RELRO (-z relro -z now: no lazy binding; the lazy resolver left bytes of
# strlen's arguments in saved vector registers on the stack, issue 20). The
# library and port objects they link are compiled once more with these flags
# into $(BUILD)/obj/hardened/ (the unit-test, size and benchmark builds keep
# theirs). mbedTLS is linked as built (MBEDTLS=228: Debian's hardened
# package). make security checks the binaries (tests/security/check_hardening.sh).
HARDEN_CFLAGS  = -fstack-protector-strong -fstack-clash-protection -fPIE \
                 -Wformat -Werror=format-security \
                 $(if $(filter -O1 -O2 -O3 -Os -Og,$(OPT)),-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2)
HARDEN_LDFLAGS = -pie -Wl,-z,relro,-z,now
HARD_OBJ_DIR   := $(BUILD)/obj/hardened
HARD_LIB       := $(HARD_OBJ_DIR)/libasc_hardened.a
HARD_LIB_OBJS  := $(ASC_SRCS:%.c=$(HARD_OBJ_DIR)/%.o) $(ASC_PORT_POSIX_SRCS:%.c=$(HARD_OBJ_DIR)/%.o)
CLI_SRCS       := $(wildcard examples/cli/*.c)
CLI_OBJS       := $(CLI_SRCS:%.c=$(HARD_OBJ_DIR)/%.o)

$(HARD_OBJ_DIR)/%.o: %.c $(MBEDTLS_STAMP) $(JSMN_H) $(CONFIG_STAMP) | $(BUILD)/include
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(HARDEN_CFLAGS) -MMD -MP -c $< -o $@

$(HARD_LIB): $(HARD_LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# The command-line tool: the library + the POSIX port.
$(BUILD)/asc: $(CLI_OBJS) $(HARD_LIB)
	$(CC) $(CFLAGS_ALL) $(HARDEN_CFLAGS) $(HARDEN_LDFLAGS) -o $@ $(CLI_OBJS) $(HARD_LIB) $(MBEDTLS_LIBS)
cli: $(BUILD)/asc $(BUILD)/hello_delete_image $(BUILD)/tests/hello_heap_guarded $(BUILD)/tests/e2e_errors

# The README's C example, built and run by the end-to-end tests; also linked
# with the aborting allocator wrappers: the whole call path over TLS, heap-free.
$(BUILD)/hello_delete_image: $(HARD_OBJ_DIR)/examples/hello/delete_image.o $(HARD_LIB)
	$(CC) $(CFLAGS_ALL) $(HARDEN_CFLAGS) $(HARDEN_LDFLAGS) -o $@ $< $(HARD_LIB) $(MBEDTLS_LIBS)
$(BUILD)/tests/e2e_errors: $(BUILD)/obj/tests/e2e/e2e_errors.o $(BUILD)/obj/tests/heap_guard.o $(LIB) $(PORTLIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(MBEDTLS_LIBS) $(HEAP_WRAP)
$(BUILD)/tests/hello_heap_guarded: $(BUILD)/obj/examples/hello/delete_image.o $(BUILD)/obj/tests/heap_guard.o $(LIB) $(PORTLIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(MBEDTLS_LIBS) $(HEAP_WRAP)

# The main job: delete an image against the local emulator over TLS.
demo: deps $(BUILD)/asc
	@sh examples/demo.sh

$(BUILD)/obj/%.o: %.c $(MBEDTLS_STAMP) $(JSMN_H) $(CONFIG_STAMP) | $(BUILD)/include
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/include:
	@mkdir -p $@

$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(PORTLIB): $(PORT_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# Vectors are data: the official SDK's signing vectors (tests/vectors/, see
# its README) turned into a C table.
VECTORS_JSON ?= tests/vectors/signing-vectors.json
$(BUILD)/include/vectors.h: tests/gen_vectors.py $(VECTORS_JSON) | $(BUILD)/include
	python3 tests/gen_vectors.py $(VECTORS_JSON) > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/tests/unit/test_vectors.o: $(BUILD)/include/vectors.h
# The vectors regenerate from the official SDK (tests/sdk, pinned): byte for byte.
check-vectors:
	@python3 tests/vectors/check_regenerate.py
$(BUILD)/obj/tests/%.o: INCS += -Itests
$(BUILD)/obj/tests/%.o: DEFS += -D_DEFAULT_SOURCE

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(HARNESS_OBJS) $(LIB) $(PORTLIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(HARNESS_OBJS) $(LIB) $(PORTLIB) $(MBEDTLS_LIBS) $(HEAP_WRAP) $(LDLIBS_EXTRA)

# test_cover_faults: link-time fault injection of the mbedTLS calls of
# src/tls.c and src/hash_mbedtls.c and of the libc calls of the POSIX port
# (each NAME reaches __wrap_NAME in the test, which fails on script or
# calls __real_NAME).
comma := ,
FAULT_WRAPS := psa_crypto_init mbedtls_ssl_config_defaults mbedtls_ssl_setup \
               mbedtls_ssl_set_hostname mbedtls_ssl_handshake mbedtls_ssl_write \
               mbedtls_ssl_read mbedtls_ssl_close_notify mbedtls_sha256_update \
               mbedtls_sha256_finish mbedtls_sha256_update_ret mbedtls_sha256_finish_ret \
               socket poll send recv getrandom
FAULT_LDFLAGS = $(addprefix -Wl$(comma)--wrap=,$(FAULT_WRAPS))
$(BUILD)/tests/test_cover_faults: LDLIBS_EXTRA += $(FAULT_LDFLAGS)

# test_spec_tls: src/tls.c's rules with mbedTLS scripted at the same
# boundary (a handshake's result, the verification flags, a session) and
# what tls.c hands it recorded (SNI, the BIO, the verify callback).
SPEC_TLS_WRAPS := mbedtls_ssl_handshake mbedtls_ssl_get_verify_result mbedtls_ssl_conf_verify \
                  mbedtls_ssl_set_bio mbedtls_ssl_set_hostname mbedtls_ssl_get_session \
                  mbedtls_ssl_set_session mbedtls_ssl_write mbedtls_ssl_read \
                  mbedtls_ssl_close_notify mbedtls_ssl_conf_tls13_key_exchange_modes \
                  mbedtls_x509_crt_parse mbedtls_x509_crt_parse_der
SPEC_TLS_LDFLAGS = $(addprefix -Wl$(comma)--wrap=,$(SPEC_TLS_WRAPS))
$(BUILD)/tests/test_spec_tls: LDLIBS_EXTRA += $(SPEC_TLS_LDFLAGS)

# test_psa_keys: signing with PSA key identifiers (ASC_ENABLE_PSA_KEYS)
# needs the library built with the knob, which changes asc_credentials: the
# library sources are compiled once more with it into $(BUILD)/obj/psa/ for
# this one test. mbedTLS 2.28 has no PSA keys (the knob stops the build):
# there the test is built as any other and says it is skipped.
ifneq ($(MBEDTLS),228)
PSA_OBJ_DIR   := $(BUILD)/obj/psa
PSA_LIB_OBJS  := $(ASC_SRCS:%.c=$(PSA_OBJ_DIR)/%.o)
$(PSA_OBJ_DIR)/%.o: %.c $(MBEDTLS_STAMP) $(JSMN_H) $(CONFIG_STAMP) | $(BUILD)/include
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DASC_ENABLE_PSA_KEYS=1 -MMD -MP -c $< -o $@
$(PSA_OBJ_DIR)/tests/%.o: INCS += -Itests
$(PSA_OBJ_DIR)/tests/%.o: DEFS += -D_DEFAULT_SOURCE
$(PSA_OBJ_DIR)/tests/unit/test_psa_keys.o: $(BUILD)/include/vectors.h
$(BUILD)/tests/test_psa_keys: $(PSA_OBJ_DIR)/tests/unit/test_psa_keys.o $(HARNESS_OBJS) $(PSA_LIB_OBJS) $(PORTLIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(HARNESS_OBJS) $(PSA_LIB_OBJS) $(PORTLIB) $(MBEDTLS_LIBS) $(HEAP_WRAP)
else
$(BUILD)/obj/tests/unit/test_psa_keys.o: $(BUILD)/include/vectors.h
endif

# docs/integration.md as written: pkg-config, find_package(asc),
# add_subdirectory, the Cortex-M4 CMake build against make size, CROSS=.
test-cmake:
	@python3 tests/cmake/run_tests.py

# Everything the build needs from Debian, fetched/built once.
deps: $(MBEDTLS_STAMP) $(JSMN_H)
	@sh mk/apt.sh clang llvm libclang-rt-14-dev python3 openssl ca-certificates

# One configuration's unit tests.
check: $(TEST_BINS)
	@sh tests/run_bins.sh $(TEST_BINS)

# The allocator must not be referenced by anything in src/ or port/.
check-heap: $(LIB_OBJS) $(PORT_OBJS)
	@sh tests/check_heap.sh $(LIB_OBJS) $(PORT_OBJS)

# Everything: the configuration matrix, heap check, emulator, end-to-end.
test:
	@sh tests/run_all.sh

clean:
	rm -rf build

# Header dependencies of every object built here (library, ports, tests,
# examples): a changed header rebuilds whatever includes it.
-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
