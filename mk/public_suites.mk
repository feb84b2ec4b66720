# make test-public-suites: public HTTP and JSON test suites, file for file,
# against the strict parsers (FULL=1: ASC_STRICT_PARSING 1) built with ASan
# and UBSan (issue 14). tests/public/fetch.sh fetches them from Debian
# source packages into build/public-suites/ (sha256 checked; nothing
# third-party is committed); tests/public/run.sh runs them and ends
# "N passed, N failed". See tests/public/README.md.
PUB_SUITES := build/public-suites
PUB_BUILD  := build/cfg-gcc-mbed36-san
PUB_BINS    = $(BUILD)/public/json_suite $(BUILD)/public/http_suite

.PHONY: test-public-suites public-suites-fetch public-suites-bins
public-suites-fetch:
	@sh tests/public/fetch.sh $(PUB_SUITES)

# Built in the sanitizer configuration of make test (gcc, mbedTLS 3.6,
# SAN=1, FULL=1), so its library is reused.
public-suites-bins: $(PUB_BINS)
$(BUILD)/public/%: tests/public/%.c $(BUILD)/libasc.a $(BUILD)/libasc_posix.a $(MBEDTLS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(LIB) $(PORTLIB) $(MBEDTLS_LIBS)

test-public-suites: deps public-suites-fetch
	@$(MAKE) -s public-suites-bins CC=gcc MBEDTLS=36 SAN=1 V1=1 FULL=1 EXTRA_CFLAGS= BUILD=$(PUB_BUILD)
	@sh tests/public/run.sh $(PUB_BUILD)/public $(PUB_SUITES)
