# mbedTLS flavours. MBEDTLS=36: 3.6 LTS from the Debian (trixie) source
# package, built with port/mbedtls/asc_mbedtls_config.h. MBEDTLS=228: Debian's
# bookworm libmbedtls-dev system package.
# Provides MBEDTLS_CFLAGS, MBEDTLS_LIBS and MBEDTLS_STAMP (a file target that
# exists once the flavour is ready to compile and link against).

ifeq ($(MBEDTLS),228)
MBEDTLS_STAMP  := $(DEPS_DIR)/.mbedtls228
MBEDTLS_CFLAGS := -DASC_MBEDTLS_SYSTEM=1
MBEDTLS_LIBS   := -lmbedtls -lmbedx509 -lmbedcrypto
$(MBEDTLS_STAMP):
	sh $(TOP)/mk/apt.sh libmbedtls-dev
	@mkdir -p $(dir $@) && touch $@
else
MBEDTLS36_SRC  := $(DEPS_DIR)/mbedtls-3.6
MBEDTLS36_LIB  := $(DEPS_DIR)/mbedtls-3.6-build
MBEDTLS_STAMP  := $(MBEDTLS36_LIB)/.built
MBEDTLS_CONFIG := $(TOP)/port/mbedtls/asc_mbedtls_config.h
MBEDTLS_CFLAGS := -isystem $(MBEDTLS36_SRC)/include -I$(TOP)/port/mbedtls \
                  -DMBEDTLS_CONFIG_FILE='"asc_mbedtls_config.h"'
MBEDTLS_LIBS   := $(MBEDTLS36_LIB)/libmbedtls.a $(MBEDTLS36_LIB)/libmbedx509.a \
                  $(MBEDTLS36_LIB)/libmbedcrypto.a
$(MBEDTLS36_SRC)/.fetched:
	sh $(TOP)/mk/fetch_mbedtls.sh $(MBEDTLS36_SRC)
$(MBEDTLS_STAMP): $(MBEDTLS36_SRC)/.fetched $(MBEDTLS_CONFIG)
	rm -rf $(MBEDTLS36_LIB) && mkdir -p $(MBEDTLS36_LIB)
	$(MAKE) -s -C $(MBEDTLS36_SRC)/library clean >/dev/null
	$(MAKE) -s -C $(MBEDTLS36_SRC)/library -j2 CC=gcc \
	  CFLAGS="-O2 -g -I$(TOP)/port/mbedtls -DMBEDTLS_CONFIG_FILE='\"asc_mbedtls_config.h\"'" \
	  libmbedcrypto.a libmbedx509.a libmbedtls.a
	cp $(MBEDTLS36_SRC)/library/libmbed*.a $(MBEDTLS36_LIB)/
	touch $@
endif
