# Debian packages and source packages the build needs; installed on demand
# (the machine is root and fresh in CI). Nothing is fetched from elsewhere.

APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dpkg::Use-Pty=0
DEPS_DIR := $(TOP)/build/deps
SRC_LIST := /etc/apt/sources.list.d/asc-deb-src.sources

# jsmn: one single header, jsmn 1.1.0 (MIT, Serge Zaitsev), exactly as
# Debian's libjsmn-dev 1.1.0-2 ships it at /usr/include/jsmn.h. It is copied
# into the build tree so a cross compiler never sees the host's
# /usr/include, and its SHA-256 is checked: the library is tested with this
# header only, so another one stops the build instead of being used
# silently. Integrators outside Debian take jsmn.h from the upstream 1.1.0
# release (the same file; compare the hash below) and put it on the include
# path; json.c includes it with JSMN_STATIC.
JSMN_H := $(BUILD)/include/jsmn.h
JSMN_SHA256 := 1ed6154dedf009212a08a397e9c4ed50a0ce31d5a8301bb294e137ae3188c13b
$(JSMN_H): | $(BUILD)/include
	@test -f /usr/include/jsmn.h || sh $(TOP)/mk/apt.sh libjsmn-dev
	@echo "$(JSMN_SHA256)  /usr/include/jsmn.h" | sha256sum -c --status || \
	  { echo "jsmn.h: /usr/include/jsmn.h is not jsmn 1.1.0 as tested (sha256 $(JSMN_SHA256)); see mk/deps.mk" >&2; exit 1; }
	cp /usr/include/jsmn.h $@
