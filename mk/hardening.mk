# mk/hardening.mk - static analysis, fuzzing, coverage, valgrind, security
# checks (issue 8). Included by the top Makefile; every target here ends with
# a line "N passed, N failed" (fuzz: "crashes: N") and exits non-zero on a
# finding.
#
#   make lint           cppcheck (+MISRA addon), clang-tidy, gcc -fanalyzer,
#                       banned functions over src/ and port/posix/
#   make lint-report    the same plus the quick hardening checks (fuzz smoke
#                       over the seed corpora, TLS policy, secrets in CLI output); what
#                       make test runs
#   make fuzz           every libFuzzer target for FUZZ_SECONDS (default 60)
#   make fuzz-smoke     every target over its seed corpus + regressions only
#   make coverage       unit suite with gcc --coverage, gcovr report; last
#                       line "lines: X% branches: Y%" (src/ and port/)
#   make coverage-gate  fails below COV_MIN_LINES / COV_MIN_BRANCHES
#   make valgrind       memcheck over every unit test binary (gcc, no SAN)
#   make security       the security checks that are not unit tests
#
# Deviations and suppressions: tests/lint/misra-deviations.md.

.PHONY: lint lint-report fuzz fuzz-smoke fuzz-build coverage coverage-gate \
        coverage-build valgrind security hardening-lint-deps

HARD_BUILD_INC    = $(TOP)/$(BUILD)/include
HARD_MBEDTLS_INC  = $(TOP)/build/deps/mbedtls-3.6/include
HARD_MBEDTLS_SRC  = $(TOP)/build/deps/mbedtls-3.6

# Headers the analysers need: jsmn in the build tree, mbedTLS 3.6 sources.
hardening-lint-deps: $(JSMN_H)
	@test -f $(HARD_MBEDTLS_SRC)/.fetched || sh $(TOP)/mk/fetch_mbedtls.sh $(HARD_MBEDTLS_SRC)
	@sh mk/apt.sh cppcheck clang-tidy >/dev/null

LINT_ENV = LINT_BUILD_INC=$(HARD_BUILD_INC) LINT_MBEDTLS_INC=$(HARD_MBEDTLS_INC) \
           LINT_OUT=$(TOP)/build/lint

lint: hardening-lint-deps
	@$(LINT_ENV) sh tests/lint/lint.sh

# make test: the linters plus quick dynamic checks, one line each.
define HARD_EXTRA_CHECKS
fuzz-smoke=$(MAKE) -s fuzz-smoke
security=$(MAKE) -s security
endef
export HARD_EXTRA_CHECKS

lint-report: hardening-lint-deps
	@$(LINT_ENV) EXTRA_CHECKS="$$HARD_EXTRA_CHECKS" sh tests/lint/lint.sh

# ---- libFuzzer ---------------------------------------------------------------
# The library is built by the top Makefile into its own BUILD directory with
# clang, ASan+UBSan and coverage instrumentation for libFuzzer; mbedTLS 3.6
# (needed for hashing) is built there without instrumentation. Targets:
#   http    asc_http_parse + header helpers, at once vs in pieces
#   json    asc_result_bind (vs tests/json_ref.h)
#   client  a whole asc_delete_image / asc_call over a fuzzer-fed port
# Seeds: tests/fuzz/corpus/<t>/ (tests/fuzz/make_seeds.py). Crashes found
# become files in tests/fuzz/regressions/<t>/ (replayed by fuzz-smoke) and a
# unit test.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := http json client
FUZZ_BUILD   := build/fuzz
FUZZ_CC      := clang
FUZZ_FLAGS   := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer -g -O1
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_RUN_FLAGS ?= -rss_limit_mb=1024 -timeout=10 -max_len=16384


$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_BUILD)/libasc.a
	$(FUZZ_CC) -std=c99 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -DASC_FULL=1 $(FUZZ_FLAGS) \
	  -Iinclude -I$(FUZZ_BUILD)/include -isystem $(HARD_MBEDTLS_INC) -Iport/mbedtls \
	  '-DMBEDTLS_CONFIG_FILE="asc_mbedtls_config.h"' \
	  -o $@ $< $(FUZZ_BUILD)/libasc.a $(FUZZ_BUILD)/mbedtls/libascmbedtls.a

# The sub-make keeps the instrumented library up to date (incremental).
fuzz-build:
	@sh mk/apt.sh clang libclang-rt-14-dev
	@$(MAKE) -s lib BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) MBEDTLS=36 SAN=1 \
	  EXTRA_CFLAGS=-fsanitize=fuzzer-no-link
	@$(MAKE) -s $(FUZZ_BINS)

# Each target for FUZZ_SECONDS from its seeds (+ regressions), new inputs
# kept in build/fuzz/corpus-<t>; crash files in build/fuzz/crashes-<t>/.
fuzz: fuzz-build
	@crashes=0; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus-$$t $(FUZZ_BUILD)/crashes-$$t; \
	  echo "fuzz $$t: $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BUILD)/fuzz_$$t $(FUZZ_RUN_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes-$$t/ -print_final_stats=1 \
	    $(FUZZ_BUILD)/corpus-$$t tests/fuzz/corpus/$$t \
	    $$(test -d tests/fuzz/regressions/$$t && echo tests/fuzz/regressions/$$t) \
	    > $(FUZZ_BUILD)/fuzz-$$t.log 2>&1; \
	  grep -E 'stat::number_of_executed_units|stat::new_units_added|cov:' $(FUZZ_BUILD)/fuzz-$$t.log | tail -n 3; \
	  n=$$(ls $(FUZZ_BUILD)/crashes-$$t | wc -l); \
	  if [ $$n -ne 0 ]; then grep -E -A12 '^==[0-9]+==ERROR|runtime error|deadly signal' $(FUZZ_BUILD)/fuzz-$$t.log | head -n 30; \
	    ls $(FUZZ_BUILD)/crashes-$$t; fi; \
	  crashes=$$((crashes + n)); \
	done; \
	echo "crashes: $$crashes"; test $$crashes -eq 0

# Quick: every target over its seeds and regressions only (a few seconds).
fuzz-smoke: fuzz-build
	@passed=0; failed=0; \
	for t in $(FUZZ_TARGETS); do \
	  if $(FUZZ_BUILD)/fuzz_$$t $(FUZZ_RUN_FLAGS) -runs=0 tests/fuzz/corpus/$$t \
	       $$(test -d tests/fuzz/regressions/$$t && echo tests/fuzz/regressions/$$t) \
	       > $(FUZZ_BUILD)/smoke-$$t.log 2>&1; then \
	    passed=$$((passed + 1)); echo "fuzz-smoke $$t: ok"; \
	  else failed=$$((failed + 1)); tail -n 30 $(FUZZ_BUILD)/smoke-$$t.log; echo "fuzz-smoke $$t: FAILED"; fi; \
	done; \
	echo "$$passed passed, $$failed failed"; test $$failed -eq 0

# ---- coverage ------------------------------------------------------------------
# The whole unit suite (tests/unit/test_*.c, including the test_cover_*.c
# files) built with gcc --coverage at -O0 (branch counts match the source),
# MBEDTLS=36. HEAP_WRAP is off in this build only: libgcov allocates when it
# writes the .gcda files at exit, which the heap guard would abort; the
# zero-heap property is proven by every other configuration of make test.
COV_BUILD        := build/cov
COV_MIN_LINES    ?= 97
COV_MIN_BRANCHES ?= 95
GCOVR := gcovr -r . --object-directory $(COV_BUILD)/obj -f 'src/' -f 'port/' \
         --exclude-unreachable-branches

coverage-build:
	@sh mk/apt.sh gcovr >/dev/null
	@find $(COV_BUILD) -name '*.gcda' -delete 2>/dev/null || true
	@$(MAKE) -s -j2 check BUILD=$(COV_BUILD) CC=gcc MBEDTLS=36 SAN= V1=1 \
	  EXTRA_CFLAGS=--coverage OPT='-O0 -g' HEAP_WRAP= > $(COV_BUILD).log 2>&1; \
	  rc=$$?; tail -n 1 $(COV_BUILD).log; \
	  if [ $$rc -ne 0 ]; then grep -E 'FAILED|failed' $(COV_BUILD).log | head -n 20; fi; \
	  echo $$rc > $(COV_BUILD).rc

# Per-file table (lines and branches, uncovered line numbers), HTML in
# build/cov/html/, last line "lines: X% branches: Y%".
coverage: coverage-build
	@mkdir -p $(COV_BUILD)/html
	@$(GCOVR) --html-details $(COV_BUILD)/html/index.html >/dev/null
	@$(GCOVR) | sed -n '/^File/,$$p'
	@$(GCOVR) -b | sed -n '/^File/,$$p'
	@# The report itself goes to a file, never to /dev/null: gcovr (run as
	@# root) replaces its output path, and once turned /dev/null into a
	@# regular file for the whole machine.
	@$(GCOVR) --print-summary -o $(COV_BUILD)/report.txt > $(COV_BUILD)/summary.txt
	@l=$$(sed -n 's/^lines: \([0-9.]*\)%.*/\1/p' $(COV_BUILD)/summary.txt); \
	 b=$$(sed -n 's/^branches: \([0-9.]*\)%.*/\1/p' $(COV_BUILD)/summary.txt); \
	 echo "lines: $$l% branches: $$b%"

# Fails below the thresholds (and when a unit test failed). Never lower them:
# add tests (tests/unit/test_cover_*.c; failures of mbedTLS and libc are
# injected at link time by tests/unit/test_cover_faults.c).
coverage-gate: coverage
	@l=$$(sed -n 's/^lines: \([0-9.]*\)%.*/\1/p' $(COV_BUILD)/summary.txt); \
	 b=$$(sed -n 's/^branches: \([0-9.]*\)%.*/\1/p' $(COV_BUILD)/summary.txt); \
	 rc=$$(cat $(COV_BUILD).rc); p=0; f=0; \
	 if [ "$$rc" = 0 ] && awk "BEGIN{exit !($$l >= $(COV_MIN_LINES))}"; then p=$$((p+1)); echo "gate lines $$l% >= $(COV_MIN_LINES)%: ok"; \
	 else f=$$((f+1)); echo "gate lines $$l% >= $(COV_MIN_LINES)%: FAILED (unit rc $$rc)"; fi; \
	 if [ "$$rc" = 0 ] && awk "BEGIN{exit !($$b >= $(COV_MIN_BRANCHES))}"; then p=$$((p+1)); echo "gate branches $$b% >= $(COV_MIN_BRANCHES)%: ok"; \
	 else f=$$((f+1)); echo "gate branches $$b% >= $(COV_MIN_BRANCHES)%: FAILED (unit rc $$rc)"; fi; \
	 echo "$$p passed, $$f failed"; test $$f -eq 0

# ---- security checks that are not unit tests --------------------------------
# (The unit-level ones - TLS not optional, no secret left in buffers or on
# the stack - are tests/unit/test_cover_security.c, run in every config.)
security: $(BUILD)/asc $(BUILD)/hello_delete_image
	@p=0; f=0; \
	for t in "tls-policy:sh tests/security/check_tls_policy.sh" \
	         "cli-secrets:sh tests/security/cli_secrets.sh $(BUILD)/asc" \
	         "hardened-build:sh tests/security/check_hardening.sh $(BUILD)/asc $(BUILD)/hello_delete_image"; do \
	  name=$${t%%:*}; cmd=$${t#*:}; \
	  if $$cmd > $(BUILD)/security-$$name.log 2>&1; then p=$$((p+1)); echo "security $$name: ok"; \
	  else f=$$((f+1)); grep -E '^FAIL' -A12 $(BUILD)/security-$$name.log | head -n 40; \
	    echo "security $$name: FAILED (log $(BUILD)/security-$$name.log)"; fi; \
	done; echo "$$p passed, $$f failed"; test $$f -eq 0

# ---- valgrind ------------------------------------------------------------------
# memcheck over every tests/unit binary of a plain gcc build (no sanitizers:
# they do not mix with valgrind). One check per binary.
VG_BUILD := build/valgrind
VG_FLAGS ?= --error-exitcode=1 --track-origins=yes --leak-check=full --errors-for-leak-kinds=definite -q

valgrind:
	@sh mk/apt.sh valgrind >/dev/null
	@$(MAKE) -s -j2 BUILD=$(VG_BUILD) CC=gcc MBEDTLS=36 SAN= V1=1 \
	  $(TEST_SRCS:tests/unit/%.c=$(VG_BUILD)/tests/%)
	@p=0; f=0; \
	for b in $(TEST_SRCS:tests/unit/%.c=$(VG_BUILD)/tests/%); do \
	  t0=$$(date +%s); \
	  if valgrind $(VG_FLAGS) $$b > $$b.vg.log 2>&1; then p=$$((p+1)); \
	    echo "valgrind $$(basename $$b): ok ($$(( $$(date +%s) - t0 )) s)"; \
	  else f=$$((f+1)); grep -E '==[0-9]+==|FAIL' $$b.vg.log | head -n 30; \
	    echo "valgrind $$(basename $$b): FAILED (log $$b.vg.log)"; fi; \
	done; echo "$$p passed, $$f failed"; test $$f -eq 0
