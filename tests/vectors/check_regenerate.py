#!/usr/bin/env python3
"""Regenerate tests/vectors/signing-vectors.json with the official SDK
(tests/vectors/regenerate.js, packages pinned by tests/sdk/package-lock.json)
and compare it with the committed file, byte for byte.

The SDK writes the running node version and platform into user-agent /
x-sdk-client (never signed) and the file records node's version under
packages.node. When this machine's node or platform differs from the one
recorded, those strings alone are rewritten to the recorded ones before the
comparison, and the test says so; every other byte must be identical.

Usage: tests/vectors/check_regenerate.py [--write]
  --write   replace the committed file with the regenerated one (after a
            deliberate SDK upgrade; review the diff).
Last line: "N passed, N failed"."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SDK = os.path.join(ROOT, "tests", "sdk")
COMMITTED = os.path.join(HERE, "signing-vectors.json")
GENERATOR = os.path.join(HERE, "regenerate.js")
NEEDED = ["@alicloud/pop-core", "@alicloud/openapi-client", "@alicloud/openapi-core", "@alicloud/openapi-util"]

passed = 0
failed = 0


def result(ok, name, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + (": " + detail if detail else ""))


def finish():
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


def ensure_sdk():
    if all(os.path.isdir(os.path.join(SDK, "node_modules", p)) for p in NEEDED):
        return True
    if not shutil.which("npm"):
        return False
    r = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=SDK,
                       capture_output=True, text=True, timeout=600)
    sys.stdout.write(r.stdout[-3000:] + r.stderr[-3000:])
    return r.returncode == 0


def runtime_strings():
    """(node version, "platform; arch") of the node that runs the generator."""
    r = subprocess.run(["node", "-p", "process.version + '\\n' + process.platform + '; ' + process.arch"],
                       capture_output=True, text=True, timeout=60, check=True)
    version, platform = r.stdout.strip().split("\n")
    return version, platform


def recorded_strings(text):
    d = json.loads(text)
    version = d["packages"]["node"]
    ua = d["cases"][0]["output"]["request"]["headers"]["user-agent"]
    platform = ua[ua.index("(") + 1:ua.index(")")]
    return version, platform


def normalise(text, run, rec):
    """Rewrite the runtime's node version / platform to the recorded ones,
    only where the SDK prints them."""
    (run_v, run_p), (rec_v, rec_p) = run, rec
    if run_v != rec_v:
        for a, b in (('"node": "%s"' % run_v, '"node": "%s"' % rec_v),
                     ("Node.js/%s " % run_v, "Node.js/%s " % rec_v),
                     ("Node.js(%s)" % run_v, "Node.js(%s)" % rec_v)):
            text = text.replace(a, b)
    if run_p != rec_p:
        text = text.replace("AlibabaCloud (%s)" % run_p, "AlibabaCloud (%s)" % rec_p)
    return text


def first_difference(a, b):
    la, lb = a.split("\n"), b.split("\n")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return "line %d:\n  committed:   %s\n  regenerated: %s" % (i + 1, x[:300], y[:300])
    return "lengths differ (%d vs %d lines)" % (len(la), len(lb))


def main():
    write = "--write" in sys.argv[1:]
    if not shutil.which("node"):
        result(False, "node is installed (needed to run the official SDK)")
        finish()
    if not ensure_sdk():
        result(False, "npm ci in tests/sdk (official SDK packages from the lock file)")
        finish()
    with tempfile.TemporaryFile() as err:
        r = subprocess.run(["node", GENERATOR], stdout=subprocess.PIPE, stderr=err, timeout=300)
        err.seek(0)
        msg = err.read().decode("utf-8", "replace")
    result(r.returncode == 0, "regenerate.js ran every case through the SDK and every cross-check held", msg[-2000:])
    generated = r.stdout.decode("utf-8")
    if write:
        with open(COMMITTED, "wb") as fp:
            fp.write(r.stdout)
        print("wrote " + os.path.relpath(COMMITTED, ROOT))
        finish()

    with open(COMMITTED, "rb") as fp:
        committed_bytes = fp.read()
    committed = committed_bytes.decode("utf-8")
    run, rec = runtime_strings(), recorded_strings(committed)
    if run != rec:
        print("note: this machine runs node %s on %s; the file records node %s on %s: those strings"
              " (user-agent, x-sdk-client, packages.node) are compared as recorded" % (run + rec))
        generated = normalise(generated, run, rec)

    same = generated.encode("utf-8") == committed_bytes
    result(same, "regenerated file == committed tests/vectors/signing-vectors.json, byte for byte",
           "" if same else first_difference(committed, generated))

    # Where they differ, name the cases (the byte test above already failed).
    try:
        g, c = json.loads(generated), json.loads(committed)
        names = [x["name"] for x, y in zip(c["cases"] + c["docExamples"], g["cases"] + g["docExamples"]) if x != y]
        counts = (len(c["cases"]), len(c["docExamples"])) == (len(g["cases"]), len(g["docExamples"]))
        result(counts and not names, "every case and documentation example regenerates (%d + %d)"
               % (len(c["cases"]), len(c["docExamples"])), ", ".join(names) or "case counts differ")
        result(all(e["match"] for e in g["docExamples"]),
               "the SDK reproduces every documentation example's published signature")
    except ValueError as e:
        result(False, "regenerated output is JSON", str(e))
    finish()


if __name__ == "__main__":
    main()
