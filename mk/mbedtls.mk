# mbedTLS flavours. Provides MBEDTLS_CFLAGS, MBEDTLS_LIBS and MBEDTLS_STAMP
# (a file target that exists once the flavour is ready to compile and link
# against).
#
# MBEDTLS=36 (default): 3.6 LTS from the Debian (trixie) source package,
#   unpacked once into build/deps/mbedtls-3.6 (shared by every BUILD dir,
#   never written after unpacking) and compiled with OUR configuration
#   port/mbedtls/asc_mbedtls_config.h, out of tree, into
#   $(BUILD)/mbedtls/libascmbedtls.a (crypto + x509 + tls in one archive, so
#   link order does not matter). Compiled with $(CC), so CC=clang and a
#   CROSS toolchain build it too. Each BUILD directory has its own copy:
#   parallel builds with different BUILD= never touch the same files.
#   All allocations go to the static arena (asc_tls_arena_init()).
#
# MBEDTLS=228: Debian bookworm's libmbedtls-dev 2.28 system package. We link
#   the SHARED system libraries on purpose: Debian's build has no
#   MBEDTLS_PLATFORM_MEMORY / MBEDTLS_MEMORY_BUFFER_ALLOC_C and calls libc
#   calloc/free directly. Our test binaries link with
#   -Wl,--wrap=malloc,calloc,realloc,free (tests/heap_guard.c aborts), and
#   --wrap rewrites references in every statically linked object, so the
#   static libmbed*.a would abort at the first handshake. Calls made from
#   inside a shared library are not rewritten. This flavour therefore uses
#   the heap (inside mbedTLS only) and exists to prove our code compiles and
#   works against the older API; the zero-heap build is MBEDTLS=36.
#
# MBEDTLS=36plain: a platform's mbedTLS as integrators meet it. The same
#   Debian 3.6 source, UNPATCHED (port/mbedtls/patches/ not applied), built
#   with the minimal configuration port/mbedtls/configs/asc_mbedtls_min_tls.h:
#   no arena, mbedTLS allocates with the platform's calloc/free. Linked as a
#   shared library ($(BUILD)/mbedtls/libascmbedtls.so) for the reason given
#   for 228: our test binaries wrap the allocator with aborting stubs, and
#   only calls made inside a shared library escape the wrapping, so the
#   heap guard still proves that OUR code never allocates.

MBEDTLS36_SRC := $(DEPS_DIR)/mbedtls-3.6

# TLS_PROFILE (MBEDTLS=36 only): host = 16 KiB input records, the TLS
# maximum (CLI, POSIX examples, host tests); firmware = 4 KiB input records
# + max_fragment_length (Cortex-M; the lean FULL=0 profile). The flag goes to
# mbedTLS's own sources AND ours: struct layouts and buffer sizes must agree.
# See "record sizes" in port/mbedtls/asc_mbedtls_config.h.
ifeq ($(FULL),0)
TLS_PROFILE ?= firmware
else
TLS_PROFILE ?= host
endif
ifeq ($(TLS_PROFILE),host)
MBEDTLS_PROFILE_FLAGS := -DASC_MBEDTLS_HOST=1
else ifeq ($(TLS_PROFILE),firmware)
MBEDTLS_PROFILE_FLAGS :=
else
$(error TLS_PROFILE must be host or firmware)
endif

# Our mbedTLS build is keyed by the compiler, its extra flags and the TLS
# profile: when they differ from the last build in this BUILD directory, this
# file is rewritten and every mbedTLS object is rebuilt (the sub-make below
# reads it too).
MBEDTLS_CONFIG_STAMP := $(BUILD)/mbedtls-config.txt
MBEDTLS_CONFIG_LINE  := CC=$(CC) MBEDTLS=$(MBEDTLS) MBEDTLS_EXTRA_CFLAGS=$(MBEDTLS_EXTRA_CFLAGS) TLS_PROFILE=$(TLS_PROFILE)
ifneq ($(MBEDTLS),228)
ifneq ($(file <$(MBEDTLS_CONFIG_STAMP)),$(MBEDTLS_CONFIG_LINE))
$(shell mkdir -p $(BUILD))
$(file >$(MBEDTLS_CONFIG_STAMP),$(MBEDTLS_CONFIG_LINE))
endif
endif

ifeq ($(MBEDTLS),228)
MBEDTLS_STAMP  := $(DEPS_DIR)/.mbedtls228
MBEDTLS_CFLAGS := -DASC_MBEDTLS_SYSTEM=1
MBEDTLS_LIBS   := -Wl,-Bdynamic -lmbedtls -lmbedx509 -lmbedcrypto
$(MBEDTLS_STAMP):
	sh $(TOP)/mk/apt.sh libmbedtls-dev
	@mkdir -p $(dir $@) && touch $@
else
MBEDTLS_DIR    := $(BUILD)/mbedtls
ifeq ($(MBEDTLS),36plain)
MBEDTLS_CONFIG_DIR  := $(TOP)/port/mbedtls/configs
MBEDTLS_CONFIG_NAME := asc_mbedtls_min_tls.h
MBEDTLS_PATCHES     :=
MBEDTLS_AR          := $(MBEDTLS_DIR)/libascmbedtls.so
MBEDTLS_PIC         := -fPIC
MBEDTLS_LIBS         = $(MBEDTLS_AR) -Wl,-rpath,$(abspath $(MBEDTLS_DIR))
else
MBEDTLS_CONFIG_DIR  := $(TOP)/port/mbedtls
MBEDTLS_CONFIG_NAME := asc_mbedtls_config.h
# Our patches: port/mbedtls/patches/<file>.c.patch applies to library/<file>.c;
# the patched copy lives in $(MBEDTLS_DIR)/patched/ (the unpacked source
# stays pristine and shared). port/mbedtls/patches/README.md says what each
# one changes and what a platform without it loses.
MBEDTLS_PATCHES     := $(wildcard $(TOP)/port/mbedtls/patches/*.c.patch)
MBEDTLS_AR          := $(MBEDTLS_DIR)/libascmbedtls.a
MBEDTLS_PIC         :=
MBEDTLS_LIBS         = $(MBEDTLS_AR)
endif
MBEDTLS_STAMP  := $(MBEDTLS_AR)
MBEDTLS_CONFIG := $(MBEDTLS_CONFIG_DIR)/$(MBEDTLS_CONFIG_NAME)
MBEDTLS_CFLAGS := -isystem $(MBEDTLS36_SRC)/include -I$(MBEDTLS_CONFIG_DIR) \
                  -DMBEDTLS_CONFIG_FILE='"$(MBEDTLS_CONFIG_NAME)"' $(MBEDTLS_PROFILE_FLAGS)
# Flags for mbedTLS's own sources: its code, its warnings policy (not ours).
# ASC_MBEDTLS_OWN: the config's part for these sources alone (Everest);
# Everest's headers are needed here only.
MBEDTLS_OWN_CFLAGS := -O2 -g $(MBEDTLS_PIC) $(MBEDTLS_EXTRA_CFLAGS) -DASC_MBEDTLS_OWN=1 $(MBEDTLS_PROFILE_FLAGS) \
                  -I$(MBEDTLS36_SRC)/include -I$(MBEDTLS36_SRC)/library \
                  -I$(MBEDTLS36_SRC)/3rdparty/everest/include \
                  -I$(MBEDTLS36_SRC)/3rdparty/everest/include/everest \
                  -I$(MBEDTLS36_SRC)/3rdparty/everest/include/everest/kremlib \
                  -I$(MBEDTLS_CONFIG_DIR) -DMBEDTLS_CONFIG_FILE='"$(MBEDTLS_CONFIG_NAME)"'

$(MBEDTLS36_SRC)/.fetched:
	sh $(TOP)/mk/fetch_mbedtls.sh $(MBEDTLS36_SRC)

# The source list is known only after fetching; a sub-make compiles it.
$(MBEDTLS_AR): $(MBEDTLS36_SRC)/.fetched $(MBEDTLS_CONFIG) $(TOP)/mk/mbedtls.mk $(MBEDTLS_CONFIG_STAMP) \
                $(MBEDTLS_PATCHES)
	@mkdir -p $(MBEDTLS_DIR)
	$(MAKE) -s -f $(TOP)/mk/mbedtls.mk asc-mbedtls-lib \
	  MBEDTLS=$(MBEDTLS) TOP=$(TOP) BUILD=$(BUILD) DEPS_DIR=$(DEPS_DIR) CC="$(CC)" AR="$(AR)" \
	  TLS_PROFILE=$(TLS_PROFILE)

MBEDTLS36_SRCS := $(wildcard $(MBEDTLS36_SRC)/library/*.c)
MBEDTLS36_OBJS := $(MBEDTLS36_SRCS:$(MBEDTLS36_SRC)/library/%.c=$(MBEDTLS_DIR)/obj/%.o)
# Everest's X25519 (3rdparty/everest, HACL*), which our config enables for
# mbedTLS's own sources (MBEDTLS_ECDH_VARIANT_EVEREST_ENABLED); in a
# configuration without it the files compile to nothing.
MBEDTLS36_3RD := everest/library/everest everest/library/x25519 \
                 everest/library/Hacl_Curve25519_joined
MBEDTLS36_OBJS += $(MBEDTLS36_3RD:%=$(MBEDTLS_DIR)/obj/3rdparty/%.o)
MBEDTLS_PATCHED := $(notdir $(MBEDTLS_PATCHES:%.c.patch=%))
MBEDTLS_PATCHED_OBJS := $(MBEDTLS_PATCHED:%=$(MBEDTLS_DIR)/obj/%.o)

.PHONY: asc-mbedtls-lib
asc-mbedtls-lib: $(MBEDTLS36_OBJS)
	@rm -f $(MBEDTLS_AR).tmp
ifeq ($(MBEDTLS),36plain)
	$(CC) -shared -Wl,-soname,libascmbedtls.so -o $(MBEDTLS_AR).tmp $(MBEDTLS36_OBJS)
else
	$(AR) rcs $(MBEDTLS_AR).tmp $(MBEDTLS36_OBJS)
endif
	mv $(MBEDTLS_AR).tmp $(MBEDTLS_AR)

$(MBEDTLS_DIR)/obj/%.o: $(MBEDTLS36_SRC)/library/%.c $(MBEDTLS_CONFIG) $(MBEDTLS_CONFIG_STAMP)
	@mkdir -p $(dir $@)
	@$(CC) $(MBEDTLS_OWN_CFLAGS) -c $< -o $@

$(MBEDTLS_DIR)/obj/3rdparty/%.o: $(MBEDTLS36_SRC)/3rdparty/%.c $(MBEDTLS_CONFIG) $(MBEDTLS_CONFIG_STAMP)
	@mkdir -p $(dir $@)
	@$(CC) $(MBEDTLS_OWN_CFLAGS) -c $< -o $@

$(MBEDTLS_DIR)/patched/%.c: $(MBEDTLS36_SRC)/library/%.c $(TOP)/port/mbedtls/patches/%.c.patch
	@mkdir -p $(dir $@)
	patch -s -o $@.tmp $< < $(TOP)/port/mbedtls/patches/$*.c.patch && mv $@.tmp $@

$(MBEDTLS_PATCHED_OBJS): $(MBEDTLS_DIR)/obj/%.o: $(MBEDTLS_DIR)/patched/%.c $(MBEDTLS_CONFIG) $(MBEDTLS_CONFIG_STAMP)
	@mkdir -p $(dir $@)
	@$(CC) $(MBEDTLS_OWN_CFLAGS) -c $< -o $@
endif
