#!/usr/bin/env python3
"""tools/mutate.py - mutation testing of src/*.c (issue 24); run by `make mutate`.

Mutants are generated mechanically, one change per mutant, from the text of
the source (comments, string/char literals and preprocessor lines are never
touched). The operator set:

  ROR   relational operators: <  -> <=,  <= -> <,  >  -> >=,  >= -> >,
        == -> !=,  != -> ==          (flipped comparison / boundary)
  LCR   logical connectives: && -> ||,  || -> &&
  CRP   integer constants off by one: N -> N+1 and N -> N-1 (decimal and
        hex, suffix kept; 0 only goes up)
  SDL   deleted calls: a statement `f(...);` whose callee is one of
        DELETABLE (the wipe primitive and the wipes/updates of secrets)
        becomes `(void)0;`; the body of asc_wipe itself is emptied
  NEG   negated branch: `if (c)` -> `if (!(c))`

Each mutant is built in a scratch directory, never in the tree: the mutated
copy of the file is compiled with the configuration's CFLAGS (-iquote src
finds the private headers), a copy of $(BUILD)/libasc.a gets that object in
place of the original member, and the unit tests chosen for the file
(TESTS below) are relinked against it and run with a per-mutant timeout.
A mutant is killed when a test binary fails, crashes or times out; it "does
not compile" when the compiler rejects it (-Werror included).

A mutant whose object code (debug sections stripped) is byte-identical to
the original's is equivalent by construction: it sits in a branch this
configuration does not build (#if) or the optimiser folds it away. Such
mutants are counted as equivalent without running a test (run another
configuration, e.g. FULL=0, to test the other branches).

Other equivalent mutants are listed, reviewed, in tools/mutate-equivalent.txt:
one line each, `file | mutant id | reason`, like MISRA deviations. The id
is `OP:line-text-hash:occurrence:replacement`, stable while the line's text
is unchanged (line numbers are not part of it).

Output ends with
  mutation score: X% (K killed / N non-equivalent, E equivalent, C not compiling)
followed by the survivors (file:line, operator, the mutated line).
"""
import argparse
import hashlib
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

# Unit-test binaries that exercise each file (the fast ones; test_tls, with
# its openssl s_server peers, takes 8-20 s and runs for tls.c only with
# --slow, SLOW=1 in make). A test linked with extra flags (--wrap for
# fault injection) gets them from the environment variable
# MUTATE_LD_<test name> (mk/mutate.mk sets them from the Makefile's lists).
FAST_CLIENT = ["test_client", "test_client_diag", "test_client_outcome", "test_cover_client"]
TESTS = {
    "util.c": ["test_spec_util", "test_spec_boundaries", "test_spec_wipe", "test_sign", "test_hash", "test_http_parse", "test_vectors", "test_cover_security", "test_proxy"],
    "sign.c": ["test_spec_sign", "test_spec_boundaries", "test_spec_wipe", "test_sign", "test_vectors", "test_cover_args", "test_cover_security", "test_cover_regress"],
    "http_parse.c": ["test_spec_http", "test_cover_args", "test_spec_boundaries", "test_http_parse", "test_cover_parsers", "test_cover_regress", "test_proxy"],
    "json.c": ["test_spec_json", "test_json", "test_cover_parsers", "test_cover_regress"],
    "hash_mbedtls.c": ["test_spec_wipe", "test_hash", "test_sign", "test_vectors", "test_cover_security", "test_cover_faults"],
    "proxy.c": ["test_spec_wipe", "test_proxy", "test_cover_security"],
    "errors.c": ["test_errors", "test_client_outcome"],
    "status.c": ["test_errors"],
    "time.c": ["test_sign", "test_cover_args", "test_client_outcome"],
    "client.c": FAST_CLIENT + ["test_spec_client", "test_spec_retry", "test_spec_boundaries", "test_proxy", "test_cover_args", "test_cover_security", "test_cover_regress", "test_credentials", "test_spec_credentials"],
    "credentials.c": ["test_spec_credentials", "test_credentials", "test_spec_wipe"] + FAST_CLIENT,
    "tls.c": ["test_spec_tls", "test_cover_tls", "test_cover_faults", "test_cover_security"] + FAST_CLIENT,
}
SLOW_TESTS = {"tls.c": ["test_tls"]}

DELETABLE = ["asc_wipe", "mbedtls_platform_zeroize", "asc_md_update", "asc_hmac_finish",
             "asc_md_free", "mbedtls_ssl_free", "mbedtls_ssl_config_free"]

ROR = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "=="}
LCR = {"&&": "||", "||": "&&"}
TOKEN = re.compile(r"""
    (?P<num>\b(?:0[xX][0-9A-Fa-f]+|\d+)(?P<suf>[uUlL]*)\b)
  | (?P<op><<=|>>=|<<|>>|->|<=|>=|==|!=|&&|\|\||<|>)
  | (?P<ident>[A-Za-z_]\w*)
""", re.X)


def blank_non_code(text):
    """Same length as text; comments, strings, char literals and
    preprocessor lines replaced by spaces (newlines kept)."""
    out = list(text)
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c in " \t":
            i += 1
            continue
        if line_start and c == "#":
            # preprocessor line, with continuations
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out[i] = " "
                    i += 2
                    continue
                out[i] = " "
                i += 1
            continue
        line_start = False
        if c == "\n":
            line_start = True
            i += 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                if out[k] != "\n":
                    out[k] = " "
            i = j
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                out[i] = " "
                i += 1
        elif c in "\"'":
            q = c
            out[i] = " "
            i += 1
            while i < n and text[i] != q:
                if text[i] == "\\":
                    out[i] = " "
                    i += 1
                if i < n and text[i] != "\n":
                    out[i] = " "
                i += 1
            if i < n:
                out[i] = " "
            i += 1
        else:
            i += 1
    return "".join(out)


def matching_paren(code, i):
    """code[i] == '('; index of its closing parenthesis or -1."""
    depth = 0
    for j in range(i, len(code)):
        if code[j] == "(":
            depth += 1
        elif code[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return -1


def in_initializer_or_decl_size(code, pos):
    """Crude: skip constants inside array dimensions of declarations at
    file scope is not needed; every constant is mutated (a mutant that
    breaks a static assert simply does not compile)."""
    return False


def gen_mutants(path, text):
    code = blank_non_code(text)
    lines = text.split("\n")
    line_of = []
    ln = 1
    for ch in text:
        line_of.append(ln)
        if ch == "\n":
            ln += 1
    muts = []
    seen = {}

    def add(op, start, end, repl):
        line = line_of[start]
        ltext = lines[line - 1].strip()
        h = hashlib.sha1(ltext.encode()).hexdigest()[:8]
        key = (op, h, repl)
        occ = seen.get(key, 0)
        seen[key] = occ + 1
        mid = "%s:%s:%d:%s" % (op, h, occ, repl.replace(" ", "")[:40])
        muts.append({"file": path, "op": op, "start": start, "end": end, "repl": repl,
                     "line": line, "id": mid, "orig": text[start:end]})

    for m in TOKEN.finditer(code):
        if m.group("num") is not None:
            tok = m.group("num")
            suf = m.group("suf")
            digits = tok[: len(tok) - len(suf)] if suf else tok
            # skip parts of floats / identifiers like x86 (\b handles idents)
            if digits.startswith(("0x", "0X")):
                v = int(digits, 16)
                fmt = lambda x: "0x%x%s" % (x, suf)
            else:
                if len(digits) > 1 and digits.startswith("0"):
                    continue  # octal: leave alone
                v = int(digits)
                fmt = lambda x: "%d%s" % (x, suf)
            add("CRP", m.start(), m.end(), fmt(v + 1))
            if v > 0:
                add("CRP", m.start(), m.end(), fmt(v - 1))
        elif m.group("op") is not None:
            op = m.group("op")
            if op in ROR:
                add("ROR", m.start(), m.end(), ROR[op])
            elif op in LCR:
                add("LCR", m.start(), m.end(), LCR[op])
        else:
            ident = m.group("ident")
            if ident == "if":
                j = m.end()
                while j < len(code) and code[j] in " \t\n":
                    j += 1
                if j < len(code) and code[j] == "(":
                    k = matching_paren(code, j)
                    if k > 0:
                        cond = text[j + 1:k]
                        add("NEG", j, k + 1, "(!(" + cond + "))")
            elif ident in DELETABLE:
                # a statement call: preceded by ; { } or start, followed by (...);
                b = m.start() - 1
                while b >= 0 and code[b] in " \t\n":
                    b -= 1
                j = m.end()
                while j < len(code) and code[j] in " \t":
                    j += 1
                if j < len(code) and code[j] == "(" and b >= 0 and code[b] in ";{}":
                    k = matching_paren(code, j)
                    if k > 0 and code[k + 1:k + 2] == ";":
                        add("SDL", m.start(), k + 1, "(void)0")
                elif j < len(code) and code[j] == "(" and ident == "asc_wipe":
                    # the definition: empty its body
                    k = matching_paren(code, j)
                    b2 = k + 1
                    while b2 < len(code) and code[b2] in " \t\n":
                        b2 += 1
                    if k > 0 and code[b2:b2 + 1] == "{":
                        depth, e = 0, b2
                        for e in range(b2, len(code)):
                            if code[e] == "{":
                                depth += 1
                            elif code[e] == "}":
                                depth -= 1
                                if depth == 0:
                                    break
                        add("SDL", b2, e + 1, "{ (void)p; (void)n; }")
    return muts


def load_equivalent(path):
    eq = {}
    if not os.path.exists(path):
        return eq
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|", 2)]
            if len(parts) == 3 and parts[2]:
                eq[(parts[0], parts[1])] = parts[2]
    return eq


def stripped_object(cc, cflags, src, obj):
    """Compile src to obj; return its bytes without debug sections (the
    code, data and symbols), or None when it does not compile."""
    rc, out = run([cc] + cflags + ["-iquote", "src", "-c", src, "-o", obj], timeout=120)
    if rc != 0:
        return None, out
    cmp_obj = obj + ".nodebug"
    run(["objcopy", "--strip-debug", obj, cmp_obj])
    with open(cmp_obj, "rb") as f:
        data = f.read()
    os.remove(cmp_obj)
    return data, out


def run(cmd, timeout=None, cwd=None):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout, cwd=cwd)
        return p.returncode, p.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return "timeout", ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--cflags", default=os.environ.get("MUTATE_CFLAGS", ""))
    ap.add_argument("--ldlibs", default=os.environ.get("MUTATE_LDLIBS", ""))
    ap.add_argument("--files", default="", help="space-separated src/*.c (default: all)")
    ap.add_argument("--sample", type=int, default=0, help="mutants per file, seeded (0: all)")
    ap.add_argument("--limit", type=int, default=0, help="stop after this many mutants in total")
    ap.add_argument("--seed", type=int, default=24)
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--ops", default="ROR,LCR,CRP,SDL,NEG")
    ap.add_argument("--equivalent", default="tools/mutate-equivalent.txt")
    ap.add_argument("--match", default="", help="only mutants of lines matching this regex")
    ap.add_argument("--verbose", action="store_true", help="show compiler errors")
    ap.add_argument("--list", action="store_true", help="list the mutants, build nothing")
    ap.add_argument("--slow", action="store_true", help="also the slow tests (test_tls for tls.c)")
    a = ap.parse_args()

    files = a.files.split() or sorted("src/" + f for f in os.listdir("src") if f.endswith(".c"))
    ops = set(a.ops.split(","))
    equiv = load_equivalent(a.equivalent)
    cflags = shlex.split(a.cflags)
    ldlibs = shlex.split(a.ldlibs)
    lib = os.path.join(a.build, "libasc.a")
    portlib = os.path.join(a.build, "libasc_posix.a")
    harness = [os.path.join(a.build, "obj/tests", x) for x in ("harness.o", "heap_guard.o", "fake_port.o")]
    wrap = ["-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free"]

    plan = []
    for path in files:
        with open(path) as f:
            text = f.read()
        ms = [m for m in gen_mutants(path, text) if m["op"] in ops]
        if a.match:
            lines = text.split("\n")
            ms = [m for m in ms if re.search(a.match, lines[m["line"] - 1])]
        if a.sample and len(ms) > a.sample:
            rnd = random.Random("%d:%s" % (a.seed, path))
            ms = sorted(rnd.sample(ms, a.sample), key=lambda m: m["start"])
        plan.extend((m, text) for m in ms)
    if a.limit:
        plan = plan[: a.limit]
    if a.list:
        for m, _ in plan:
            print("%s:%d %s %s -> %s [%s]" % (m["file"], m["line"], m["op"], m["orig"][:40], m["repl"][:40], m["id"]))
        print("%d mutants" % len(plan))
        return 0

    per = {}
    original_obj = {}
    survivors = []
    tmp = tempfile.mkdtemp(prefix="asc-mutate-")
    t0 = time.time()
    try:
        for idx, (m, text) in enumerate(plan):
            base = os.path.basename(m["file"])
            st = per.setdefault(m["file"], {"killed": 0, "survived": 0, "equiv": 0, "nocomp": 0,
                                              "identical": 0})
            if (m["file"], m["id"]) in equiv:
                st["equiv"] += 1
                continue
            d = os.path.join(tmp, "m%d" % idx)
            os.makedirs(d)
            src = os.path.join(d, base)
            with open(src, "w") as f:
                f.write(text[: m["start"]] + m["repl"] + text[m["end"]:])
            obj = os.path.join(d, base[:-2] + ".o")
            if m["file"] not in original_obj:
                od = os.path.join(tmp, "orig")
                os.makedirs(od, exist_ok=True)
                osrc = os.path.join(od, base)
                shutil.copy(m["file"], osrc)
                original_obj[m["file"]] = stripped_object(a.cc, cflags, osrc, osrc[:-2] + ".o")[0]
            data, out = stripped_object(a.cc, cflags, src, obj)
            verdict = None
            if data is not None and data == original_obj[m["file"]]:
                # the compiler made the same object code: a mutant in a
                # branch this configuration does not build, or one the
                # optimiser folds away - equivalent here by construction
                st["identical"] += 1
                verdict = "identical object code (equivalent)"
            elif data is None:
                st["nocomp"] += 1
                verdict = "not compiling"
                if a.verbose:
                    print(out[-800:])
            else:
                mlib = os.path.join(d, "libasc.a")
                shutil.copy(lib, mlib)
                run(["ar", "rcs", mlib, obj])
                killed = False
                for t in TESTS.get(base, FAST_CLIENT) + (SLOW_TESTS.get(base, []) if a.slow else []):
                    tobj = os.path.join(a.build, "obj/tests/unit", t + ".o")
                    if not os.path.exists(tobj):
                        # a mapped test that is not built would let every
                        # mutant of this file survive it unseen
                        sys.exit("mutate: %s is not built (make %s/tests/%s first)"
                                 % (tobj, a.build, t))
                    exe = os.path.join(d, t)
                    extra = shlex.split(os.environ.get("MUTATE_LD_" + t, ""))
                    rc, out = run([a.cc] + cflags + ["-o", exe, tobj] + harness + [mlib, portlib]
                                  + ldlibs + wrap + extra)
                    if rc != 0:
                        print("link failed for %s: %s" % (t, out[-400:]), file=sys.stderr)
                        killed = True
                        break
                    rc, out = run([exe], timeout=a.timeout)
                    if rc != 0:
                        killed = True
                        break
                if killed:
                    st["killed"] += 1
                    verdict = "killed"
                else:
                    st["survived"] += 1
                    survivors.append(m)
                    verdict = "SURVIVED"
            shutil.rmtree(d, ignore_errors=True)
            print("[%d/%d %4.0fs] %s:%d %s %s -> %s: %s" % (
                idx + 1, len(plan), time.time() - t0, m["file"], m["line"], m["op"],
                m["orig"].replace("\n", " ")[:30], m["repl"].replace("\n", " ")[:30], verdict),
                flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def score_line(s):
        n = s["killed"] + s["survived"]
        pct = 100.0 * s["killed"] / n if n else 100.0
        return ("mutation score: %.1f%% (%d killed / %d non-equivalent, %d equivalent, %d not compiling)"
                " [equivalent: %d listed, %d identical object code]") % (
            pct, s["killed"], n, s["equiv"] + s["identical"], s["nocomp"], s["equiv"], s["identical"])

    tot = {"killed": 0, "survived": 0, "equiv": 0, "nocomp": 0, "identical": 0}
    print()
    for f in sorted(per):
        print("%-20s %s" % (f, score_line(per[f])))
        for k in tot:
            tot[k] += per[f][k]
    if survivors:
        print("survivors:")
        for m in survivors:
            print("  %s:%d %s %s -> %s   [%s | %s]" % (
                m["file"], m["line"], m["op"], m["orig"].replace("\n", " ")[:40],
                m["repl"].replace("\n", " ")[:40], m["file"], m["id"]))
    print(score_line(tot))
    return 0


if __name__ == "__main__":
    sys.exit(main())
