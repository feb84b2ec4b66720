# mk/interop.mk - `make test-interop` (issue 13): build/asc behind Debian's
# nginx as TLS front end of the emulator, certificate chains made at test
# time, plus a CLI built in the firmware TLS profile (4 KiB input records)
# in $(BUILD)/interop-fw to show the clear status for a chain too large for
# it. nginx is installed here through apt; the test starts and stops every
# process by PID on 127.0.0.1 with ports chosen at run time
# (tests/interop/test_nginx.py). Last line: "N passed, N failed".

INTEROP_FW_BUILD := $(BUILD)/interop-fw

.PHONY: test-interop
test-interop: deps
	@sh mk/apt.sh nginx openssl python3
	@$(MAKE) -s $(BUILD)/asc $(BUILD)/tests/resume_client
	@$(MAKE) -s $(INTEROP_FW_BUILD)/asc BUILD=$(INTEROP_FW_BUILD) TLS_PROFILE=firmware
	@python3 tests/interop/test_nginx.py $(BUILD) $(INTEROP_FW_BUILD)

# One asc_tls across several calls and hosts: session resumption as nginx
# sees it ($ssl_session_reused), and never across host names.
$(BUILD)/tests/resume_client: $(BUILD)/obj/tests/interop/resume_client.o $(LIB) $(PORTLIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(PORTLIB) $(MBEDTLS_LIBS)
