# make prove-wp: Frama-C WP over the ACSL contracts of
# tests/prove/wp/util_contracts.c (simple helpers of src/util.c; the
# contracts sit on declarations outside src/, Frama-C merges them with the
# definitions). See tests/prove/WP.md. Installs frama-c-base (prove-tools),
# why3, z3 and cvc4 (Debian 12; Alt-Ergo is not packaged) via mk/apt.sh and
# writes the why3 prover list to build/wp/why3.conf (not $HOME). Prints per
# profile and function the goals and who proved them (Qed, WP's own
# simplifier; Z3; CVC4), then "N passed, N failed" (profiles with every goal
# proved / not), last line "wp: N goals, M proved"; fails when a goal is not
# proved.
WP_PROFILES ?= 0 1
WP_OUT      := $(BUILD)/wp
WP_FUNCS    := asc_hex_digit_value,asc_text_is,asc_span_from_str,asc_out_init,asc_out_put,asc_out_span
WP_FILES    := src/util.c tests/prove/wp/util_contracts.c
WP_PROVERS  ?= cvc4
WP_TIMEOUT  ?= 10

.PHONY: prove-wp wp-tools
wp-tools: prove-tools
	@sh mk/apt.sh why3 cvc4 z3
	@mkdir -p $(WP_OUT); WHY3CONFIG=$(abspath $(WP_OUT))/why3.conf why3 config detect >$(WP_OUT)/why3-detect.log 2>&1

prove-wp: wp-tools $(MBEDTLS36_SRC)/.fetched
	@rm -f $(WP_OUT)/failed $(WP_OUT)/summary.tmp; \
	for f in $(WP_PROFILES); do \
	  WHY3CONFIG=$(abspath $(WP_OUT))/why3.conf WP_OUT=$(WP_OUT) WP_CPPFLAGS="$(PROVE_CPPFLAGS)" \
	  WP_PROVERS=$(WP_PROVERS) WP_TIMEOUT=$(WP_TIMEOUT) \
	    nice sh tests/prove/wp/run.sh $$f $(WP_FUNCS) $(WP_FILES) >>$(WP_OUT)/summary.tmp 2>&1 \
	    || echo "FULL=$$f" >>$(WP_OUT)/failed; \
	done; \
	mv $(WP_OUT)/summary.tmp $(WP_OUT)/summary.txt; cat $(WP_OUT)/summary.txt; \
	runs=$$(echo $(WP_PROFILES) | wc -w); bad=$$(cat $(WP_OUT)/failed 2>/dev/null | wc -l); \
	echo "$$((runs - bad)) passed, $$bad failed"; \
	sed -n 's/^wp FULL=[0-9]*: \([0-9?]*\) goals, \([0-9]*\) proved.*/\1 \2/p' $(WP_OUT)/summary.txt \
	  | awk '{ if ($$1 == "?") u = 1; n += $$1; m += $$2 } END { print "wp: " n (u ? "+?" : "") " goals, " m " proved" }'; \
	test ! -s $(WP_OUT)/failed
