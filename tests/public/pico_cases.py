#!/usr/bin/env python3
"""tests/public/pico_cases.py TEST_C > CASES

Extract picohttpparser's response and chunked-decoder cases from its
test.c (tests/public/fetch.sh) and translate their expectations to
asc_http_parse in strict mode (include/asc_http.h). Writes one case a line,
tab-separated:

    source  name  expect  input-hex  body-hex  note

expect is what tests/public/http_suite.c requires:
    ok         ASC_OK at EOF, the decoded body equal to body-hex
    more       ASC_E_NEED_MORE before EOF, ASC_E_CLOSED at EOF (incomplete)
    malformed  ASC_E_HTTP_MALFORMED
    refuse     ASC_E_HTTP_MALFORMED or ASC_E_RESPONSE_TOO_LARGE
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

Derived cases (source "derived"), built from every chunked case accepted:
  each CRLF of the chunked body in turn written as a bare LF -> malformed
  (RFC 9112 7.1: chunk-size lines, the line after chunk data, trailer lines
  and the last empty line end with CRLF; strict mode promises it), and the
  chunk extension of the ";comment=hi" case rewritten to extensions the
  RFC 9112 7.1.1 grammar refuses or takes.
"""
import re
import sys

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


def c_strings_and_args(text):
    """Split a C argument list into arguments; string literals decoded."""
    args, cur, i, depth = [], [], 0, 0
    while i < len(text):
        c = text[i]
        if c == '"':
            j, out = i + 1, bytearray()
            while text[j] != '"':
                if text[j] == '\\':
                    e = text[j + 1]
                    simple = {'r': 13, 'n': 10, 't': 9, '"': 34, '\\': 92, '0': 0}
                    if e == 'x':
                        m = re.match(r'[0-9a-fA-F]+', text[j + 2:])
                        out.append(int(m.group(0), 16))
                        j += 2 + len(m.group(0))
                        continue
                    out.append(simple[e])
                    j += 2
                else:
                    out += text[j].encode()
                    j += 1
            cur.append(bytes(out))
            i = j + 1
            continue
        if c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
        if c == ',' and depth == 0:
            args.append(cur)
            cur = []
        elif not c.isspace():
            cur.append(c)
        i += 1
    args.append(cur)
    # join: adjacent literals concatenate; other tokens become text
    joined = []
    for parts in args:
        if parts and all(isinstance(p, bytes) for p in parts):
            joined.append(b"".join(parts))
        else:
            joined.append("".join(p if isinstance(p, str) else '"' + p.decode('latin-1') + '"' for p in parts))
    return joined


def calls(body, name):
    """Argument lists of every call name(...); in body (one statement each)."""
    out = []
    for m in re.finditer(r'^[ \t]*' + re.escape(name) + r'\((.*?)\);', body, re.S | re.M):
        out.append(c_strings_and_args(m.group(1)))
    return out


def function_body(src, name):
    m = re.search(r'^static void ' + re.escape(name) + r'\(void\)\n\{(.*?)^\}', src, re.S | re.M)
    if not m:
        sys.exit("pico_cases.py: no function %s in test.c" % name)
    return m.group(1)


def c_int(expr):
    m = re.fullmatch(r'sizeof\("(.*)"\)-1', expr, re.S)
    if m:  # sizeof("a: b\r\nc: d\r\n\r\n") - 1: the literal's length (decoded)
        return len(m.group(1).encode('latin-1'))
    return int(expr)


def main():
    src = open(sys.argv[1], encoding='latin-1').read()
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
        name = "%s %s" % (fn, enc.decode('latin-1').encode('unicode_escape').decode())
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
            cases.append(("derived bare LF", "%s: CRLF #%d -> LF" % (name, k + 1), "malformed",
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
        cases.append(("derived chunk extension", "6%s" % ext.decode('latin-1').encode('unicode_escape').decode(),
                      expect, HEAD_CHUNKED + enc, dec if expect == "ok" else b"", ""))

    seen = set()
    for source, name, expect, data, body, note in cases:
        if (source, data) in seen:
            continue
        seen.add((source, data))
        print("\t".join((source, name.replace("\t", " "), expect, data.hex(), body.hex(), note)))


if __name__ == "__main__":
    main()
