#!/usr/bin/env python3
"""tests/public/http_parser_cases.py TEST_C > CASES

Extract the response cases of http-parser's test.c (nodejs/http-parser,
the parser Node.js used before llhttp; tests/public/fetch.sh) and translate
their expectations to asc_http_parse in strict mode. Output: the case lines
of tests/public/pico_cases.py (its docstring lists the expectations).

Taken from test.c:
  responses[]: every HTTP_RESPONSE message, parsed by them as valid: ok
    here with their body, status code and should_keep_alive, unless listed
    in DIFFERENCES with the reason we differ on purpose.
  test_simple_type(raw, error, HTTP_RESPONSE): malformed.
  the response halves of test_double_content_length_error,
    test_chunked_content_length_error, test_header_cr_no_lf_error,
    test_invalid_header_field(_content) (their error cases): malformed. Their
    input stops inside the header block (http-parser fails at the byte); a
    header line is judged at its end here, so the block is closed with
    CRLF CRLF.
  test_header_overflow_error: 10,000 header lines: headers_too_large.
  test_header_content_length_overflow_error and
    test_chunk_content_length_overflow_error: sizes they take are too_large
    here (the buffer is smaller), the ones they refuse are malformed.
  test_no_overflow_long_body(HTTP_RESPONSE, n): an HTTP/1.0 response with a
    Content-Length body of n bytes: ok.
Derived ("http-parser derived bare LF"): every CRLF of the body of each chunked
response accepted, in turn, written as a bare LF: malformed (strict mode,
RFC 9112 7.1).
Not taken: the request cases (this is a response parser), pipelining and
pause/connect variants of the same responses (asc_http_parse parses one
response per buffer; bytes after it are left alone), create_large_chunked_
message (31,337 chunks: an 8 MB response).
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from c_literals import calls, function_body, read_source, show, split_args, string_literal  # noqa: E402

SOURCE = "http-parser"

# Their verdict -> ours, by case name, where we differ on purpose.
DIFFERENCES = {
    "200 trailing space on chunked body":
        ("malformed", "", "whitespace after the chunk size ('25  '): RFC 9112 7.1 has none there, strict refuses"),
    "http version 0.9":
        ("malformed", "", "HTTP/0.9 status line: only HTTP/1.x responses are spoken (asc_http.h)"),
    "proxy connection":
        ("ok", "keep_alive 1", "Proxy-Connection is not a field of HTTP (RFC 9110 7.6.1 names Connection); only "
                               "Connection: close ends the connection here, http-parser reads both"),
    "field space":
        ("malformed", "", "a header name with a space ('en-US Content-Type'): strict mode takes tokens only "
                          "(RFC 9110 5.1), http-parser keeps it as a name"),
    "bonjourmadame.fr":
        ("ok", "keep_alive 0", "an HTTP/1.0 response is never kept alive (asc_http.h: Connection: keep-alive "
                               "is not looked at)"),
    "HTTP/1.0 with keep-alive and a 204 status":
        ("ok", "keep_alive 0", "an HTTP/1.0 response is never kept alive (asc_http.h: Connection: keep-alive "
                               "is not looked at)"),
    "HTTP 101 response with Upgrade header":
        ("malformed", "", "101 Switching Protocols is refused (asc_http.h): the library never asks to upgrade"),
    "HTTP 101 response with Upgrade and Content-Length header":
        ("malformed", "", "101 Switching Protocols is refused (asc_http.h)"),
    "HTTP 101 response with Upgrade and Transfer-Encoding header":
        ("malformed", "", "101 Switching Protocols is refused (asc_http.h)"),
    "HTTP 200 response with `chunked` being *not last* Transfer-Encoding":
        ("malformed", "", "a transfer coding other than chunked is refused (asc_http.h); http-parser reads "
                          "the body to EOF"),
}


def responses(src):
    m = re.search(r'^const struct message responses\[\] =\s*\n(.*?)^\};', src, re.S | re.M)
    if not m:
        sys.exit("http_parser_cases.py: no responses[] in test.c")
    # one element per top-level {...}
    text, out, depth, start, i = m.group(1), [], 0, None, 0
    while i < len(text):
        c = text[i]
        if c == '"':
            i = string_literal(text, i)[1]
            continue
        if text.startswith('/*', i):
            i = text.index('*/', i) + 2
            continue
        if c == '{':
            depth += 1
            if depth == 2:
                start = i + 1
        elif c == '}':
            if depth == 2:
                out.append(text[start:i])
            depth -= 1
        i += 1
    msgs = []
    for element in out:
        fields = {}
        for arg in split_args(element):
            if isinstance(arg, str) and arg.startswith('.'):
                k, _, v = arg[1:].partition('=')
                fields[k] = v
        # values with literals come back as text with the literals quoted;
        # re-read the string fields from the element itself
        for k in ("name", "raw", "body", "upgrade"):
            mm = re.search(r'\.' + k + r'\s*=\s*((?:"(?:[^"\\]|\\.)*"\s*(?:/\*.*?\*/\s*|//[^\n]*\n\s*)*)+)',
                           element, re.S)
            if mm:
                fields[k] = split_args(mm.group(1))[0]
        msgs.append(fields)
    return msgs


def truth(v):
    return {"TRUE": 1, "FALSE": 0, "1": 1, "0": 0}[v]


def main():
    src = read_source(sys.argv[1])
    cases = []

    for msg in responses(src):
        if msg.get("type") != "HTTP_RESPONSE":
            continue
        name = msg["name"].decode('latin-1')
        raw, body = msg["raw"], msg.get("body", b"")
        status, keep = msg["status_code"], str(truth(msg["should_keep_alive"]))
        note = ""
        expect = "ok"
        if name in DIFFERENCES:
            expect, change, note = DIFFERENCES[name]
            if change.startswith("keep_alive "):
                keep = change[-1]
        if expect != "ok":
            body, status, keep = b"", "-", "-"
        cases.append((SOURCE + " responses[]", name, expect, raw, body, note, status, keep))
    missing = set(DIFFERENCES) - {c[1] for c in cases}
    if missing:
        sys.exit("http_parser_cases.py: no response named %s in test.c" % ", ".join(sorted(missing)))

    main_body = function_body(src, "main")
    for a in calls(main_body, "test_simple_type"):
        if a[2] == "HTTP_RESPONSE":
            cases.append((SOURCE + " invalid", "test_simple_type " + show(a[0]), "malformed", a[0], b"", "",
                          "-", "-"))

    # Error functions: the response status line, then the literal(s) fed.
    status_line = b"HTTP/1.1 200 OK\r\n"
    close = "completed with CRLF CRLF (http-parser fails at the byte; a header line is judged at its end here)"
    for fn in ("test_double_content_length_error", "test_chunked_content_length_error",
               "test_header_cr_no_lf_error"):
        lits = [split_args(m.group(1))[0] for m in re.finditer(r'buf = ("(?:[^"\\]|\\.)*");', function_body(src, fn))]
        if len(lits) != 1:
            sys.exit("http_parser_cases.py: %s changed" % fn)
        cases.append((SOURCE + " invalid", fn, "malformed", status_line + lits[0], b"", "", "-", "-"))
    for fn, caller in (("test_invalid_header_field_token_error", "test_invalid_header_field"),
                       ("test_invalid_header_field_content_error", "test_invalid_header_content")):
        for a in calls(function_body(src, fn), caller):
            cases.append((SOURCE + " invalid", "%s %s" % (caller, show(a[1])), "malformed",
                          status_line + a[1] + b"\r\n\r\n", b"", close, "-", "-"))

    body = function_body(src, "test_header_overflow_error")
    line = re.search(r'buf = ("header-key[^;]*);', body)
    count = re.search(r'i < (\d+);', body)
    head = re.search(r'"GET / HTTP/1.1\\r\\n" : ("[^"]*")', body)
    cases.append((SOURCE + " invalid", "test_header_overflow_error (%s lines)" % count.group(1),
                  "headers_too_large",
                  split_args(head.group(1))[0] + split_args(line.group(1))[0] * int(count.group(1)),
                  b"", "", "-", "-"))

    for fn in ("test_header_content_length_overflow_error", "test_chunk_content_length_overflow_error"):
        body = function_body(src, fn)
        macro = re.search(r'#define X\(size\)(.*?)\n\s*const', body, re.S).group(1).replace('\\\n', ' ')
        verdicts = dict(re.findall(r'test_content_length_overflow\((\w), sizeof\(\1\) - 1, (\d)\)', body))
        for m in re.finditer(r'const char (\w)\[\] = X\((\w+)\);\s*/\* *(.*?) *\*/', body):
            var, size, comment = m.group(1), m.group(2), m.group(3)
            raw = b"".join(split_args(t)[0] if t.startswith('"') else size.encode()
                           for t in re.findall(r'"(?:[^"\\]|\\.)*"|#size', macro))
            if verdicts[var] == "1":
                expect, note = "too_large", "they take the size; it cannot fit the buffer here (known early)"
            else:
                expect, note = "malformed", ""
            cases.append((SOURCE + " overflow", "%s %s (%s)" % (fn, size, comment), expect, raw, b"", note,
                          "-", "-"))

    body = function_body(src, "main")
    for n in re.findall(r'test_no_overflow_long_body\(HTTP_RESPONSE, (\d+)\);', body):
        fn = function_body(src, "test_no_overflow_long_body")
        if '"HTTP/1.0 200 OK"' not in fn or 'Connection: Keep-Alive\\r\\nContent-Length: %lu' not in fn:
            sys.exit("http_parser_cases.py: test_no_overflow_long_body changed")
        size = int(n)
        raw = b"HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: %d\r\n\r\n" % size + b"a" * size
        cases.append((SOURCE + " long body", "test_no_overflow_long_body %d" % size, "ok", raw, b"a" * size,
                      "", "200", "0"))

    # Derived: each CRLF of an accepted chunked body, in turn, as a bare LF.
    for source, name, expect, data, body, note, status, keep in list(cases):
        head_end = data.find(b"\r\n\r\n")
        if expect != "ok" or head_end < 0 or not re.search(rb"(?im)^transfer-encoding:[ \t]*chunked", data[:head_end]):
            continue
        start = head_end + 4
        for k, m in enumerate(re.finditer(b"\r\n", data[start:])):
            at = start + m.start()
            cases.append((SOURCE + " derived bare LF", "%s: CRLF #%d of the body -> LF" % (name, k + 1), "malformed",
                          data[:at] + data[at + 1:], b"", "", "-", "-"))

    for source, name, expect, data, body, note, status, keep in cases:
        print("\t".join((source, name.replace("\t", " "), expect, data.hex(), body.hex(), note, status, keep)))


if __name__ == "__main__":
    main()
