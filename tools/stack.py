#!/usr/bin/env python3
"""tools/stack.py [--root FN] [--label L] DIR_OR_CI_FILES...

Worst-case stack of a call through our code, from gcc's -fstack-usage and
-fcallgraph-info=su output (.ci files, VCG format; each node label carries
the frame size). Calls into functions with no frame information (mbedTLS,
libc built-ins, the port's and other indirect calls) are leaves that count
0: the budget covers OUR frames. Recursion or a dynamic frame makes the
result unbounded and is reported as an error.

Prints the worst chain (frame per function), the external leaves reached,
our functions reached only as callbacks (e.g. the TLS bio functions mbedTLS
calls; their chains sit on top of mbedTLS's frames), and last
"stack: N bytes".
"""
import os
import re
import sys

NODE = re.compile(r'node: \{ title: "([^"]+)" label: "([^"]*)"')
EDGE = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
FRAME = re.compile(r'\\n(\d+) bytes \(([^)]*)\)')


def main(argv):
    root = "asc_delete_image"
    label = ""
    files = []
    i = 0
    while i < len(argv):
        if argv[i] == "--root":
            root = argv[i + 1]; i += 2; continue
        if argv[i] == "--label":
            label = argv[i + 1]; i += 2; continue
        p = argv[i]; i += 1
        if os.path.isdir(p):
            for d, _, fs in os.walk(p):
                files += [os.path.join(d, f) for f in fs if f.endswith(".ci")]
        else:
            files.append(p)
    frame, kind, edges = {}, {}, {}
    for f in sorted(files):
        with open(f) as fh:
            for line in fh:
                m = NODE.search(line)
                if m:
                    fm = FRAME.search(m.group(2))
                    if fm:
                        frame[m.group(1)] = int(fm.group(1))
                        kind[m.group(1)] = fm.group(2)
                    continue
                m = EDGE.search(line)
                if m:
                    edges.setdefault(m.group(1), set()).add(m.group(2))
    if root not in frame:
        print("stack.py: root %s not found in %d .ci files" % (root, len(files)))
        return 2
    memo, leaves, errors, notes = {}, set(), [], []

    def worst(fn, path):
        if fn in memo:
            return memo[fn]
        if fn in path:
            errors.append("recursion: " + " -> ".join(path + [fn]))
            return (0, [fn])
        if fn not in frame:
            leaves.add(fn)
            return (0, [])
        if kind[fn] == "dynamic":
            errors.append("%s: unbounded dynamic frame" % fn)
        elif kind[fn] != "static":
            notes.append("%s: %s frame (gcc's bound counted)" % (fn, kind[fn]))
        best = (0, [])
        for t in sorted(edges.get(fn, ())):
            w = worst(t, path + [fn])
            if w[0] > best[0]:
                best = w
        r = (frame[fn] + best[0], [fn] + best[1])
        memo[fn] = r
        return r

    total, chain = worst(root, [])
    print("worst chain from %s%s:" % (root, (" (" + label + ")") if label else ""))
    acc = 0
    for fn in chain:
        acc += frame[fn]
        print("  %6d  %6d  %s" % (frame[fn], acc, fn))
    print("leaves counted as 0 (mbedTLS, libc, port/indirect): " +
          ", ".join(sorted(leaves)))
    # Our functions that nothing of ours calls, but that are reachable as
    # callbacks (named *bio* / *send* / *recv* in tls.c), for information.
    called = set(t for ts in edges.values() for t in ts)
    cbs = [f for f in frame if f not in called and f != root and
           ("tls.c:" in f and ("bio" in f or "send" in f or "recv" in f))]
    for f in sorted(cbs):
        memo.clear()
        w = worst(f, [])
        print("callback (runs on top of mbedTLS frames): %s %d bytes (%s)" %
              (f, w[0], " -> ".join(w[1])))
    for n in sorted(set(notes)):
        print("note: " + n)
    for e in errors:
        print("ERROR " + e)
    print("stack: %d bytes" % total)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
