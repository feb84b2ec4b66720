# mk/interop.mk - `make test-interop` (issue 13): build/asc behind Debian's
# nginx as TLS front end of the emulator, certificate chains made at test
# time, plus a CLI built in the firmware TLS profile (4 KiB input records)
# in $(BUILD)/interop-fw to show the clear status for a chain too large for
# it. nginx is installed here through apt; the test starts and stops every
# process by PID on 127.0.0.1 with ports chosen at run time
# (tests/interop/test_nginx.py), and the front-end answers nginx makes
# (tests/interop/test_nginx_front_end.py), summed by tests/interop/run.sh.
# Last line: "N passed, N failed".

INTEROP_FW_BUILD := $(BUILD)/interop-fw

.PHONY: test-interop
test-interop: deps
	@sh mk/apt.sh nginx openssl python3
	@$(MAKE) -s $(BUILD)/asc $(BUILD)/tests/resume_client
	@$(MAKE) -s $(INTEROP_FW_BUILD)/asc BUILD=$(INTEROP_FW_BUILD) TLS_PROFILE=firmware
	@ASC_INTEROP_FW_RECORDS=$(if $(filter 36plain,$(MBEDTLS)),16384,4096) \
	  sh tests/interop/run.sh $(BUILD) $(INTEROP_FW_BUILD)

# Only the front-end answers (issues 13, 22; tests/interop/test_nginx_front_end.py,
# also part of test-interop): 502/504 after the upstream executed, 413, 429
# with Retry-After, 301, each made by nginx itself.
.PHONY: test-front-end
test-front-end: deps
	@sh mk/apt.sh nginx openssl python3
	@$(MAKE) -s $(BUILD)/asc
	@python3 tests/interop/test_nginx_front_end.py $(BUILD)

# One asc_tls across several calls and hosts: session resumption as nginx
# sees it ($ssl_session_reused), and never across host names. (The
# libraries are named in full: this file is included before the Makefile
# sets LIB and PORTLIB, and prerequisites are expanded when read, so $(LIB)
# here was empty and a stale library was linked.)
$(BUILD)/tests/resume_client: $(BUILD)/obj/tests/interop/resume_client.o $(BUILD)/libasc.a $(BUILD)/libasc_posix.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(PORTLIB) $(MBEDTLS_LIBS)
