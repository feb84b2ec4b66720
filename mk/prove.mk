# make prove: Frama-C EVA (abstract interpretation) over the harnesses of
# tests/prove/ (see tests/prove/README.md for what each proves, its bounds
# and any remaining alarm). Installs frama-c-base (Debian 12, ~900 MB) via
# mk/apt.sh. Fails when a run reports an alarm that
# tests/prove/argued-alarms.txt does not list, with the argument why it
# cannot happen, for that harness and profile (or when a run fails); prints
# per harness the functions/statements covered, alarms and time, then
# "N passed, N failed" (runs of harness x profile) and last "alarms: N"
# (every one of them argued when the target succeeds).
# Part of make test (tests/run_all.sh): time, util, http and json in both
# profiles with smaller json bounds, then sign in the lean profile (FULL=0);
# make prove alone runs every harness in both profiles at the bounds below
# (58 minutes on 2 cores, sign FULL=1 41 of them).
PROVE_HARNESSES ?= time util http json sign
PROVE_PROFILES  ?= 0 1
PROVE_OUT       := $(BUILD)/prove
PROVE_CPPFLAGS  := -Iinclude -Isrc -I$(BUILD)/include -Itests/prove \
                   -I$(MBEDTLS36_SRC)/include -I$(MBEDTLS_CONFIG_DIR) \
                   -DMBEDTLS_CONFIG_FILE='\"$(MBEDTLS_CONFIG_NAME)\"' -DASC_ENABLE_V1=1

# name: entry (-main), the harness functions that split their inputs into
# one state per value (-eva-slevel-function), the files analysed.
PROVE_time_MAIN   := prove_time
PROVE_time_SPLIT  := prove_format:2000,prove_parse_date:2000
PROVE_time_FILES  := src/time.c tests/prove/time_harness.c
PROVE_util_MAIN   := prove_util
PROVE_util_SPLIT  := prove_out_put:8000,prove_out_dec:2000,prove_out_enc_long:2000,prove_hex_wipe_str:2000
# wipe_memset is the only volatile object of util.c's translation unit (a
# const pointer initialised to memset, which no code may write: C99
# 6.7.3p5); EVA reads any volatile as "any value", so the analysis drops
# the qualifier for util.c (tests/prove/README.md). The encoder loop runs
# up to UTIL_ENC_BOUND (50) times: one state per iteration (auto unroll).
PROVE_util_EXTRA  := -cpp-extra-args-per-file=src/util.c:-Dvolatile= -eva-auto-loop-unroll 64
PROVE_util_FILES  := src/util.c tests/prove/util_harness.c
PROVE_http_MAIN   := prove_http
PROVE_http_SPLIT  := prove_http:2000
PROVE_http_FILES  := src/http_parse.c tests/prove/http_harness.c
PROVE_json_MAIN   := prove_json
PROVE_json_SPLIT  := prove_json_unknown:4000,prove_json_known_keys:1000
PROVE_json_FILES  := src/json.c src/errors.c src/util.c tests/prove/json_harness.c
# The bounds of tests/prove/json_harness.c: fully unknown bodies of 0..6
# bytes (JSON_BOUND), known keys with values of 0..8 unknown bytes
# (JSON_VALUE_BOUND: "\uD800" with its quotes). make test (tests/run_all.sh)
# runs smaller ones (3 and 3) to stay within a few minutes.
PROVE_JSON_BOUND       ?= 6
PROVE_JSON_VALUE_BOUND ?= 8
PROVE_json_CPPFLAGS := -DJSON_BOUND=$(PROVE_JSON_BOUND)u -DJSON_VALUE_BOUND=$(PROVE_JSON_VALUE_BOUND)u
# The scratch arena sits at 0x10000 (tests/prove/json_harness.c: so that EVA
# knows its alignment); its 64 bytes are valid there.
PROVE_json_EXTRA  := -cpp-extra-args-per-file=src/util.c:-Dvolatile= \
                     -absolute-valid-range 0x10000-0x1003f
# sign (tests/prove/sign_harness.c): src/sign.c with util.c, time.c and a
# hash stub in place of hash_mbedtls.c (tests/prove/prove_hash.c; README
# "sign"). SIGN_BOUND: bytes per span and buffer capacities 0..N. At 1,
# FULL=0 takes ~5 min and FULL=1 ~40 min on this 2-core machine; make test
# (tests/run_all.sh) runs FULL=0 only, make prove both. SIGN_BOUND=2:
# FULL=0 ~14 min, 0 alarms. Every loop with a visible bound is unrolled
# (auto unroll), and check_input()'s outcomes are kept apart in
# asc_build_request (split return, slevel 30): each header slot then holds
# the span of one input, not a join of several.
SIGN_BOUND        ?= 1
PROVE_sign_MAIN   := prove_sign
PROVE_sign_SPLIT  := prove_sign:100,prove_build_span:100,prove_build_args:100,prove_v1:100,asc_build_request:30
PROVE_sign_FILES  := src/sign.c src/util.c src/time.c tests/prove/prove_hash.c \
                     tests/prove/sign_harness.c
PROVE_sign_EXTRA  := -cpp-extra-args-per-file=src/util.c:-Dvolatile=,tests/prove/sign_harness.c:-DSIGN_BOUND=$(SIGN_BOUND)u \
                     -eva-auto-loop-unroll 64 -eva-split-return-function check_input:full

.PHONY: prove prove-tools
prove-tools:
	@command -v frama-c >/dev/null 2>&1 || sh mk/apt.sh frama-c-base

prove: prove-tools $(JSMN_H) $(MBEDTLS36_SRC)/.fetched
	@mkdir -p $(PROVE_OUT); rm -f $(PROVE_OUT)/failed $(PROVE_OUT)/summary.tmp; \
	for h in $(PROVE_HARNESSES); do for f in $(PROVE_PROFILES); do \
	  c=; case $$h in \
	  time) m="$(PROVE_time_MAIN)" s="$(PROVE_time_SPLIT)" src="$(PROVE_time_FILES)" x="$(PROVE_time_EXTRA)";; \
	  util) m="$(PROVE_util_MAIN)" s="$(PROVE_util_SPLIT)" src="$(PROVE_util_FILES)" x="$(PROVE_util_EXTRA)";; \
	  http) m="$(PROVE_http_MAIN)" s="$(PROVE_http_SPLIT)" src="$(PROVE_http_FILES)" x="$(PROVE_http_EXTRA)";; \
	  json) m="$(PROVE_json_MAIN)" s="$(PROVE_json_SPLIT)" src="$(PROVE_json_FILES)" x="$(PROVE_json_EXTRA)" c="$(PROVE_json_CPPFLAGS)";; \
	  sign) m="$(PROVE_sign_MAIN)" s="$(PROVE_sign_SPLIT)" src="$(PROVE_sign_FILES)" x="$(PROVE_sign_EXTRA)";; \
	  esac; \
	  PROVE_OUT=$(PROVE_OUT) PROVE_CPPFLAGS="$(PROVE_CPPFLAGS) $$c" PROVE_EXTRA="$$x" \
	    sh tests/prove/run.sh $$h $$f "$$m" "$$s" $$src >>$(PROVE_OUT)/summary.tmp 2>&1 \
	    || echo "$$h FULL=$$f" >>$(PROVE_OUT)/failed; \
	done; done; \
	mv $(PROVE_OUT)/summary.tmp $(PROVE_OUT)/summary.txt; cat $(PROVE_OUT)/summary.txt; \
	n=$$(sed -n 's/.*; alarms \([0-9?]*\) .*/\1/p' $(PROVE_OUT)/summary.txt \
	     | awk '{ if ($$1 == "?") u = 1; else s += $$1 } END { print u ? s + 0 "+?" : s + 0 }'); \
	na=$$(sed -n 's/.*; alarms [0-9?]* (\([0-9]*\) not argued).*/\1/p' $(PROVE_OUT)/summary.txt \
	     | awk '{ s += $$1 } END { print s + 0 }'); \
	runs=$$(grep -c '^prove ' $(PROVE_OUT)/summary.txt); \
	bad=$$(cat $(PROVE_OUT)/failed 2>/dev/null | wc -l); \
	echo "$$((runs - bad)) passed, $$bad failed; alarm messages not argued in tests/prove/argued-alarms.txt: $$na"; \
	echo "alarms: $$n"; test ! -s $(PROVE_OUT)/failed
