# Debian packages and source packages the build needs; installed on demand
# (the machine is root and fresh in CI). Nothing is fetched from elsewhere.

APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dpkg::Use-Pty=0
DEPS_DIR := $(TOP)/build/deps
SRC_LIST := /etc/apt/sources.list.d/asc-deb-src.sources

# jsmn: Debian's libjsmn-dev header, copied into the build tree so a cross
# compiler never sees the host's /usr/include.
JSMN_H := $(BUILD)/include/jsmn.h
$(JSMN_H): | $(BUILD)/include
	@test -f /usr/include/jsmn.h || sh $(TOP)/mk/apt.sh libjsmn-dev
	cp /usr/include/jsmn.h $@
