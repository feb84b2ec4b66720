#!/usr/bin/env python3
"""tests/public/pico_cases.py TEST_C > CASES

Extract picohttpparser's response and chunked-decoder cases from its
test.c (tests/public/fetch.sh) and translate their expectations to
asc_http_parse in strict mode (include/asc_http.h). Writes one case a line,
tab-separated:

    source  name  expect  input-hex  body-hex  note  status  keep_alive

expect is what tests/public/http_suite.c requires:
    ok                 ASC_OK at EOF, the decoded body equal to body-hex (and
                       the status code and keep_alive, unless "-")
    more               ASC_E_NEED_MORE before EOF, ASC_E_CLOSED at EOF
    malformed          ASC_E_HTTP_MALFORMED
    refuse             ASC_E_HTTP_MALFORMED or ASC_E_RESPONSE_TOO_LARGE
    too_large          ASC_E_RESPONSE_TOO_LARGE
    headers_too_large  ASC_E_HTTP_HEADERS_TOO_LARGE
note is empty where our expectation is theirs, else the reason it differs.

Translation:
  test_response PARSE(s, last_len, exp, comment): the header block of a
    response. exp 0 (complete) -> ok with an empty body (no Content-Length:
    the body ends at EOF, which the suite gives), -2 -> more, -1 -> malformed.
  chunked runners (encoded, decoded, expected) and test_chunked_failure:
    the chunked body of "HTTP/1.1 200 OK / Transfer-Encoding: chunked".
    picohttpparser's decoder stops after the last-chunk line unless asked
    to consume the trailer section; a response ends only after it, so a
    case complete for it without the trailer section's last CRLF is "more"
    here, and is also given with that CRLF added ("ok").
  Differences on purpose are listed in DIFFERENCES with their reason.

Derived cases (sources "picohttpparser derived ..."), built from every chunked case accepted:
  each CRLF of the chunked body in turn written as a bare LF -> malformed
  (RFC 9112 7.1: chunk-size lines, the line after chunk data, trailer lines
  and the last empty line end with CRLF; strict mode promises it), and the
  chunk extension of the ";comment=hi" case rewritten to extensions the
  RFC 9112 7.1.1 grammar refuses or takes.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from c_literals import calls, function_body, read_source, show  # noqa: E402

HEAD_CHUNKED = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"

# Their verdict -> ours, where they differ on purpose (key: their input).
DIFFERENCES = {
    b"HTTP/1.0 200 OK\r\nfoo: \r\nfoo: b\r\n  \tc\r\n\r\n":
        ("malformed", "obsolete line folding is refused (asc_http.h: not supported; RFC 9112 5.2 lets "
                      "a client reject it)"),
    b"b\nhello world\n0\n\n":
        ("malformed", "bare LF line ends in a chunked body: strict mode requires CRLF (RFC 9112 7.1)"),
    b"6\r\nhello \r\nffffffffffffffff\r\nabcdefg":
        ("refuse", "chunk size 2^64-1 = SIZE_MAX on LP64: refused (asc_http.h: a chunk size of SIZE_MAX "
                   "or more), picohttpparser waits for the data"),
}


def c_int(expr):
    m = re.fullmatch(r'sizeof\("(.*)"\)-1', expr, re.S)
    if m:  # sizeof("a: b\r\nc: d\r\n\r\n") - 1: the literal's length (decoded)
        return len(m.group(1).encode('latin-1'))
    return int(expr)


def main():
    src = read_source(sys.argv[1])
    cases = []  # (source, name, expect, input, body, note)

    for a in calls(function_body(src, "test_response"), "PARSE"):
        s, exp, comment = a[0], int(a[2]), a[3].decode()
        expect = {0: "ok", -2: "more", -1: "malformed"}[exp]
        note = ""
        if s in DIFFERENCES:
            expect, note = DIFFERENCES[s]
        cases.append(("picohttpparser response", comment, expect, s, b"", note))

    chunked = []
    for fn in ("test_chunked", "test_chunked_consume_trailer"):
        for a in calls(function_body(src, fn), "chunked_test_runners[i]"):
            consume, enc, dec, exp = int(a[1]), a[2], a[3], c_int(a[4])
            chunked.append((fn, a[0], consume, enc, dec, exp))
    for a in calls(function_body(src, "test_chunked"), "test_chunked_failure"):
        chunked.append(("test_chunked_failure", a[0], None, a[1], b"", c_int(a[2])))

    accepted_chunked = []
    for fn, line, consume, enc, dec, exp in chunked:
        name = "%s %s" % (fn, show(enc))
        note = ""
        if consume is None:                       # failure cases
            expect = {-1: "malformed", -2: "more"}[exp]
        elif exp == -2:
            expect = "more"
        elif consume == 1 or enc.endswith(b"\r\n\r\n"):
            expect = "ok"
        else:                                     # complete for them only without the trailers
            expect = "more"
            note = "picohttpparser stops before the trailer section (consume_trailer 0); a response " \
                   "ends after it: also given with the last CRLF added"
            cases.append(("picohttpparser chunked", name + " + CRLF", "ok", HEAD_CHUNKED + enc + b"\r\n",
                          dec, ""))
            accepted_chunked.append((name + " + CRLF", enc + b"\r\n", dec))
        if enc in DIFFERENCES:
            expect, note = DIFFERENCES[enc]
        if expect == "ok":
            accepted_chunked.append((name, enc, dec))
        cases.append(("picohttpparser chunked", name, expect, HEAD_CHUNKED + enc, dec if expect == "ok" else b"",
                      note))

    # Derived: every CRLF of an accepted chunked body, in turn, as a bare LF.
    for name, enc, dec in accepted_chunked:
        starts = [m.start() for m in re.finditer(b"\r\n", enc)]
        for k, at in enumerate(starts):
            mutated = enc[:at] + enc[at + 1:]
            cases.append(("picohttpparser derived bare LF", "%s: CRLF #%d -> LF" % (name, k + 1), "malformed",
                          HEAD_CHUNKED + mutated, b"", ""))

    # Derived: the chunk extension of picohttpparser's ";comment=hi" case.
    ext_base = [e for _, e, _ in accepted_chunked if b";comment=hi" in e]
    if not ext_base:
        sys.exit("pico_cases.py: the ;comment=hi case is gone from test.c")
    base = ext_base[0]
    ext_cases = [
        (b";", "malformed"), (b";comment=", "malformed"), (b";comment=\"hi", "malformed"),
        (b";=hi", "malformed"), (b";comment=h i", "malformed"), (b";comment=hi,x", "malformed"),
        (b";comment=\"hi\r", "malformed"), (b"comment=hi", "malformed"), (b";comment=hi;", "malformed"),
        (b";comment=hi\x7f", "malformed"), (b";comment=\"h\"i", "malformed"),
        (b" ;comment=hi", "ok"), (b"; comment = hi", "ok"), (b"\t;\tcomment\t=\thi", "ok"),
        (b";comment", "ok"), (b";comment=\"hi\"", "ok"), (b";comment=\"h\\\"i\"", "ok"),
        (b";comment=hi;x;y=\"\"", "ok"),
    ]
    dec = b"hello world"
    for ext, expect in ext_cases:
        enc = base.replace(b";comment=hi", ext, 1)
        cases.append(("picohttpparser derived ext", "6%s" % show(ext),
                      expect, HEAD_CHUNKED + enc, dec if expect == "ok" else b"", ""))

    used = {c[3][len(HEAD_CHUNKED):] if c[3].startswith(HEAD_CHUNKED) else c[3] for c in cases}
    if set(DIFFERENCES) - used:
        sys.exit("pico_cases.py: a case of DIFFERENCES is gone from test.c")

    seen = set()
    for source, name, expect, data, body, note in cases:
        if (source, data) in seen:
            continue
        seen.add((source, data))
        print("\t".join((source, name.replace("\t", " "), expect, data.hex(), body.hex(), note, "-", "-")))


if __name__ == "__main__":
    main()
