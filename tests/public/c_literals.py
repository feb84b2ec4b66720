"""tests/public/c_literals.py - read the C test files of public suites
(picohttpparser's and http-parser's test.c) as data: argument lists of
calls, string literals decoded to bytes, function bodies. Used by
pico_cases.py and http_parser_cases.py; never compiles or runs their code.
The source is read as Latin-1, so every byte of a literal stays that byte.
"""
import re
import sys

_SIMPLE = {'r': 13, 'n': 10, 't': 9, '"': 34, '\\': 92, "'": 39, '?': 63, 'a': 7, 'b': 8, 'f': 12, 'v': 11}


def read_source(path):
    return open(path, encoding='latin-1').read()


def string_literal(text, i):
    """Decode the C string literal starting at text[i] == '"'; returns
    (bytes, index just past the closing quote)."""
    j, out = i + 1, bytearray()
    while text[j] != '"':
        if text[j] == '\\':
            e = text[j + 1]
            if e == 'x':
                m = re.match(r'[0-9a-fA-F]+', text[j + 2:])
                out.append(int(m.group(0), 16) & 0xFF)
                j += 2 + len(m.group(0))
            elif e in '01234567':
                m = re.match(r'[0-7]{1,3}', text[j + 1:])
                out.append(int(m.group(0), 8) & 0xFF)
                j += 1 + len(m.group(0))
            else:
                out.append(_SIMPLE[e])
                j += 2
        else:
            out += text[j].encode('latin-1')
            j += 1
    return bytes(out), j + 1


def split_args(text):
    """Split a C argument list (or initializer) at top-level commas. Each
    argument is bytes when it is only string literals (adjacent ones
    joined), else its text without whitespace (literals kept quoted)."""
    args, cur, i, depth = [], [], 0, 0
    while i < len(text):
        c = text[i]
        if c == '"':
            lit, i = string_literal(text, i)
            cur.append(lit)
            continue
        if text.startswith('/*', i):
            i = text.index('*/', i) + 2
            continue
        if text.startswith('//', i):
            i = text.index('\n', i)
            continue
        if c in '({':
            depth += 1
        elif c in ')}':
            depth -= 1
        if c == ',' and depth == 0:
            args.append(cur)
            cur = []
        elif not c.isspace():
            cur.append(c)
        i += 1
    args.append(cur)
    out = []
    for parts in args:
        if parts and all(isinstance(p, bytes) for p in parts):
            out.append(b"".join(parts))
        else:
            out.append("".join(p if isinstance(p, str) else '"' + p.decode('latin-1') + '"' for p in parts))
    return out


def calls(body, name):
    """Argument lists of every statement `name(...);` that starts a line."""
    return [split_args(m.group(1))
            for m in re.finditer(r'^[ \t]*' + re.escape(name) + r'\s*\((.*?)\);', body, re.S | re.M)]


def function_body(src, name):
    """The body of the function `name` (its definition: return type on the
    same or the previous line, body from a '{' alone or at the line end to
    the first '}' alone on a line)."""
    m = re.search(r'^(?:static\s+)?(?:void|int)\s*\n?' + re.escape(name) + r'\s*\([^)]*\)\s*\n\{(.*?)^\}',
                  src, re.S | re.M)
    if not m:
        sys.exit("c_literals.py: no function %s in the test file" % name)
    return m.group(1)


def show(data):
    """Printable form of bytes for a case name."""
    return data.decode('latin-1').encode('unicode_escape').decode('ascii')
