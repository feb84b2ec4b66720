#!/usr/bin/env python3
"""tests/lint/banned.py FILE... : fail on calls to banned C library functions.

Comments and string/char literals are blanked first (line numbers kept), so
prose such as "no gmtime()" in a comment is not a finding. A finding is the
name as a whole word followed by "(" (a call or a function-like use), or
taking its address by name. Prints file:line: name: reason; exit 1 on any.
"""
import re
import sys

# name -> why it is banned (the replacement we use instead)
BANNED = {
    "gets": "no bound at all",
    "sprintf": "unbounded; use asc_out / snprintf with the size",
    "vsprintf": "unbounded",
    "strcpy": "unbounded; copy with known lengths (memcpy)",
    "strcat": "unbounded",
    "strncpy": "may leave no NUL and pads; copy with known lengths",
    "strncat": "easy to get the bound wrong",
    "stpcpy": "unbounded",
    "strtok": "hidden global state, not reentrant",
    "gmtime": "not reentrant, absent on some libcs (time.c does the calendar)",
    "localtime": "not reentrant, depends on TZ",
    "asctime": "not reentrant, fixed buffer",
    "ctime": "not reentrant, fixed buffer",
    "atoi": "no error detection, UB on overflow",
    "atol": "no error detection, UB on overflow",
    "atoll": "no error detection, UB on overflow",
    "atof": "no error detection",
    "sscanf": "no overflow detection on numbers",
    "scanf": "no overflow detection",
    "fscanf": "no overflow detection",
    "vsscanf": "no overflow detection",
    "rand": "predictable; randomness comes from the port",
    "srand": "predictable; randomness comes from the port",
    "alloca": "unbounded stack use",
    "setjmp": "non-local control flow",
    "longjmp": "non-local control flow",
    "malloc": "zero-heap library",
    "calloc": "zero-heap library",
    "realloc": "zero-heap library",
    "free": "zero-heap library",
}

PAT = re.compile(r"(?<![A-Za-z0-9_.>])(" + "|".join(sorted(BANNED)) + r")\s*\(")


def blank(text):
    """Replace comments and literals by spaces, keeping newlines."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def main(paths):
    findings = 0
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = blank(f.read())
        for lineno, line in enumerate(text.split("\n"), 1):
            for m in PAT.finditer(line):
                name = m.group(1)
                print(f"{path}:{lineno}: banned: {name}: {BANNED[name]}")
                findings += 1
    print(f"banned functions: {findings} finding(s) in {len(paths)} file(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
