# make mutate: mutation testing of src/*.c (issue 24; tools/mutate.py states
# the operator set). Each mutant is compiled in a scratch directory with this
# configuration's flags, linked into a copy of $(BUILD)/libasc.a and run
# against the unit tests chosen for its file, with a per-mutant timeout.
# Prints "mutation score: X% (K killed / N non-equivalent, E equivalent,
# C not compiling)" per file and overall, then the survivors. Equivalent
# mutants: tools/mutate-equivalent.txt (reviewed, one reason each).
#   FILE=src/sign.c (space-separated list; default every src/*.c)
#   SAMPLE=N  N mutants per file, seeded by SEED (default 24)
#   LIMIT=N   at most N mutants in all
#   MATCH=regex  only lines matching it (e.g. MATCH=stale)
#   OPS=ROR,LCR,CRP,SDL,NEG   MUTATE_TIMEOUT=20 (seconds per test binary)
#   SLOW=1    also the slow real-peer tests (test_tls for src/tls.c)
# Not part of make test: a separate report target.
FILE   ?=
SAMPLE ?= 0
LIMIT  ?= 0
SEED   ?= 24
OPS    ?= ROR,LCR,CRP,SDL,NEG
MUTATE_TIMEOUT ?= 20
MATCH  ?=
SLOW   ?=
.PHONY: mutate
# The flags go through the environment verbatim (they hold shell quoting,
# e.g. -DMBEDTLS_CONFIG_FILE='"..."'; the script splits them as sh would).
mutate: export MUTATE_CFLAGS = $(CFLAGS_ALL)
mutate: export MUTATE_LDLIBS = $(MBEDTLS_LIBS) $(LDLIBS_EXTRA)
# Tests linked with fault-injection wrappers (Makefile): the same flags.
mutate: export MUTATE_LD_test_cover_faults = $(FAULT_LDFLAGS)
mutate: export MUTATE_LD_test_spec_tls = $(SPEC_TLS_LDFLAGS)
# This file is included before the Makefile defines TEST_BINS, and a
# prerequisite list is expanded when it is read: the tests, library and port
# are built from the recipe (expanded when it runs) instead.
mutate:
	@$(MAKE) -s $(TEST_BINS) $(LIB) $(PORTLIB)
	@python3 tools/mutate.py --build $(BUILD) --cc '$(CC)' \
	    --files '$(FILE)' --sample $(SAMPLE) --limit $(LIMIT) --seed $(SEED) \
	    --ops $(OPS) --match '$(MATCH)' --timeout $(MUTATE_TIMEOUT) $(if $(SLOW),--slow) $(MUTATE_FLAGS)
