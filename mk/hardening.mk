# mk/hardening.mk - static analysis, fuzzing, coverage, valgrind, security
# checks (issue 8). Included by the top Makefile; every target here ends with
# a line "N passed, N failed" (fuzz: "crashes: N") and exits non-zero on a
# finding.
#
#   make lint           cppcheck (+MISRA addon), clang-tidy, gcc -fanalyzer,
#                       banned functions over src/ and port/posix/
#   make lint-report    the same plus the quick hardening checks (fuzz smoke
#                       over the seed corpora, secrets in CLI output); what
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
secrets-cli=$(MAKE) -s security
endef
export HARD_EXTRA_CHECKS

lint-report: hardening-lint-deps
	@$(LINT_ENV) EXTRA_CHECKS="$$HARD_EXTRA_CHECKS" sh tests/lint/lint.sh
