#!/usr/bin/env python3
"""Integration builds (issue 18), part of `make test` (also `make test-cmake`):

  * the CMake file lists (cmake/asc_sources.cmake) and jsmn hash equal the
    Makefile's (src/sources.mk, port/*/port.mk, mk/deps.mk);
  * every knob of include/asc_config.h is a CMake option;
  * docs/integration.md: every shell block is run here (the blocks marked
    <!-- test: NAME -->, with PREFIX / ASC / MBEDTLS_INCLUDE set), none is
    left unmarked, and the consumer's build files it quotes are verbatim;
  * an outside project (tests/cmake/consumer + examples/hello/delete_image.c,
    copied into an empty directory outside the repository) built three ways:
    pkg-config + Makefile against `make install`, CMake find_package(asc)
    against `cmake --install`, CMake add_subdirectory with the firmware's own
    mbedTLS target; each binary deletes an image on the emulator over TLS;
  * the Zephyr module and the ESP-IDF component, evaluated with stand-ins
    for the SDKs' CMake functions (neither SDK is in Debian), pass on the
    same file list, include directory and mbedTLS;
  * the lwIP port targets build against lwIP 2.1 (each flavour with its
    lwipopts.h);
  * signing alone on a hash-only mbedTLS (tests/cmake/hash_only, ASC_TLS=OFF)
    reproduces the official SDK's Authorization;
  * the Cortex-M4 CMake build (cmake/arm-none-eabi-cortex-m4.cmake) gives
    the same objects as `make size` (section contents, relocations, symbols)
    and the same total; the guide's knob cost table equals make size-knobs;
  * the Makefile's CROSS= build for armhf gives ARM objects.

Debian packages only (mk/apt.sh). Last line: "N passed, N failed"."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "tests", "cmake")
GUIDE = os.path.join(ROOT, "docs", "integration.md")
SERVER = os.path.join(ROOT, "tests", "emulator", "server.py")
MBEDTLS_SRC = os.path.join(ROOT, "build", "deps", "mbedtls-3.6")
JOBS = os.environ.get("JOBS", "2")

passed = 0
failed = 0


def result(ok, name, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name)
        if detail:
            print("     " + detail.strip().replace("\n", "\n     ")[-4000:])
    sys.stdout.flush()
    return ok


def run(cmd, cwd, env=None, timeout=1800):
    """(exit code, stdout+stderr) of a command list or a sh script."""
    if isinstance(cmd, str):
        cmd = ["sh", "-ec", cmd]
    r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=timeout)
    return r.returncode, r.stdout.decode("utf-8", "replace")


# ---- the guide ----------------------------------------------------------------
def guide_blocks():
    """{name: script} of the ```sh blocks marked <!-- test: NAME -->, and the
    list of unmarked shell blocks (each needs <!-- test --> or <!-- not run -->)."""
    text = open(GUIDE, encoding="utf-8").read()
    named, unmarked = {}, []
    for m in re.finditer(r"(<!-- (test|not run): ?([^>]*?) ?-->\s*\n)?```(sh|console)\n(.*?)```", text, re.S):
        if m.group(2) == "test":
            named[m.group(3)] = m.group(5)
        elif m.group(2) is None:
            unmarked.append(m.group(5).strip().split("\n")[0])
    return text, named, unmarked


def guide_snippets(path):
    """The blocks between '# guide: NAME' and '# guide: end' of a build file."""
    out, cur, name = {}, None, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"# guide: (\S+)\s*$", line)
        if m and m.group(1) == "end":
            out[name] = "".join(cur)
            cur = None
        elif m:
            name, cur = m.group(1), []
        elif cur is not None:
            cur.append(line)
    return out


def run_guide(blocks, name, cwd, env):
    if name not in blocks:
        return result(False, "guide block '%s' exists in docs/integration.md" % name)
    code, out = run(blocks[name], cwd, env)
    return result(code == 0, "guide block '%s' runs as written" % name, out[-3000:])


# ---- the emulator ---------------------------------------------------------------
class Emulator:
    def __init__(self, images):
        args = [sys.executable, SERVER, "--port", "0", "--access-key", "testid:testsecret"]
        for i in images:
            args += ["--image", i]
        self.p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.p.stdout.readline()
        if not line:
            self.p.kill()
            raise RuntimeError("emulator did not start")
        info = json.loads(line)
        self.port = info["port"]
        self.ca = open(info["ca_file"], encoding="ascii").read()

    def stop(self):
        self.p.terminate()
        try:
            self.p.wait(10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        self.p.stdout.close()


def delete_with(emu, binary, image, label):
    env = dict(os.environ, ALIBABA_CLOUD_ACCESS_KEY_ID="testid", ALIBABA_CLOUD_ACCESS_KEY_SECRET="testsecret")
    if not os.path.exists(binary):
        return result(False, label, "no binary " + binary)
    r = subprocess.run([binary, image, "localhost", str(emu.port), emu.ca], env=env,
                       capture_output=True, timeout=60)
    out = r.stdout.decode("utf-8", "replace")
    ok = r.returncode == 0 and re.search(r"^ok 200 ", out, re.M) is not None
    ok2 = True
    if ok:  # the image is gone: a second call gets the service's error
        r2 = subprocess.run([binary, image, "localhost", str(emu.port), emu.ca], env=env,
                            capture_output=True, timeout=60)
        ok2 = r2.returncode != 0 and b"Image.NotExist" in r2.stdout
    return result(ok and ok2, label, out + r.stderr.decode("utf-8", "replace"))


def consumer_dir(tmp, name):
    """An outside project: the consumer's build files and the README example."""
    d = os.path.join(tmp, name)
    os.makedirs(d)
    for f in ("CMakeLists.txt", "Makefile"):
        shutil.copy(os.path.join(HERE, "consumer", f), d)
    shutil.copy(os.path.join(ROOT, "examples", "hello", "delete_image.c"), d)
    return d


# ---- static checks ----------------------------------------------------------------
def check_lists():
    code, mk = run(["make", "-s", "-f", "tests/cmake/print_sources.mk"], ROOT)
    out = os.path.join(tempfile.mkdtemp(prefix="asc-lists-"), "cmake.txt")
    code2, err = run(["cmake", "-DOUT=" + out, "-P", "tests/cmake/print_sources.cmake"], ROOT)
    cm = open(out).read() if code2 == 0 else err
    shutil.rmtree(os.path.dirname(out))
    result(code == 0 and code2 == 0 and mk == cm and "library src/" in mk,
           "cmake/asc_sources.cmake lists the Makefile's sources, include directories and jsmn hash",
           "make:\n" + mk + "\ncmake:\n" + cm)
    # An integrator's Makefile elsewhere: include $(ASC_ROOT)src/sources.mk.
    elsewhere = tempfile.mkdtemp(prefix="asc-lists-")
    code, out = run(["make", "-s", "-f", os.path.join(HERE, "print_sources.mk"), "ASC_ROOT=" + ROOT + "/"],
                    elsewhere)
    shutil.rmtree(elsewhere)
    want = "".join(l.split(" ", 1)[0] + " " + (ROOT + "/" + l.split(" ", 1)[1] if not l.startswith("jsmn")
                   else l.split(" ", 1)[1]) + "\n" for l in mk.splitlines())
    result(code == 0 and out == want, "src/sources.mk and port/*/port.mk with ASC_ROOT from another directory",
           out)


def check_recipes():
    """Zephyr module and ESP-IDF component, with stand-ins for the SDKs."""
    code, mk = run(["make", "-s", "-f", "tests/cmake/print_sources.mk"], ROOT)
    srcs = [os.path.join(ROOT, l.split()[1]) for l in mk.splitlines() if l.startswith("library ")]
    d = tempfile.mkdtemp(prefix="asc-recipes-")
    shutil.copy(os.path.join(ROOT, "build", "include", "jsmn.h"), d)  # ASC_JSMN_DIR
    out = os.path.join(d, "rec.txt")
    code, err = run(["cmake", "-DOUT=" + out, "-DJSMN_DIR=" + d, "-P", "tests/cmake/check_recipes.cmake"], ROOT)
    rec = open(out).read().splitlines() if code == 0 else []
    shutil.rmtree(d)
    got = lambda what: [l.split(" ", 1)[1] for l in rec if l.split(" ", 1)[0] == what]
    result(code == 0 and got("zephyr_source") == srcs and got("zephyr_include") == [os.path.join(ROOT, "include")]
           and got("zephyr_link") == ["mbedTLS"] and got("zephyr_private_include") == [d] and all(os.path.exists(f) for f in srcs),
           "zephyr/CMakeLists.txt (Zephyr functions stood in) hands Zephyr the library's files, include, mbedTLS",
           err + "\n".join(rec))
    result(code == 0 and got("idf_source") == srcs and got("idf_include") == ["include"]
           and got("idf_requires") == ["mbedtls"] and got("idf_private_include") == [d],
           "CMakeLists.txt as an ESP-IDF component (idf_component_register stood in) registers the same",
           err + "\n".join(rec))


def check_knobs():
    header = open(os.path.join(ROOT, "include", "asc_config.h"), encoding="utf-8").read()
    knobs = set(re.findall(r"^#ifndef (ASC_[A-Z0-9_]+)", header, re.M)) - {"ASC_CONFIG_H"}
    cm = open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8").read()
    options = set(re.findall(r"^option\((ASC_[A-Z0-9_]+)", cm, re.M))
    for var in ("_asc_feature_knobs", "_asc_size_knobs"):
        m = re.search(r"set\(%s(.*?)\)" % var, cm, re.S)
        options |= set(m.group(1).split()) if m else set()
    missing = sorted(knobs - options)
    result(len(knobs) > 10 and not missing, "every knob of include/asc_config.h (%d) is a CMake option"
           % len(knobs), "missing: " + " ".join(missing))


def check_guide_quotes(text, unmarked):
    result(not unmarked, "every shell block of docs/integration.md is run by this test or marked not run",
           "unmarked: " + "; ".join(unmarked))
    for f in ("CMakeLists.txt", "Makefile"):
        for name, body in guide_snippets(os.path.join(HERE, "consumer", f)).items():
            result(body in text, "docs/integration.md quotes tests/cmake/consumer/%s '%s' verbatim" % (f, name))
    cfg = open(os.path.join(HERE, "hash_only", "mbedtls_hash_only_config.h"), encoding="utf-8").read()
    defines = "".join(l for l in cfg.splitlines(True) if l.startswith("#define MBEDTLS_"))
    result(defines in text, "docs/integration.md quotes the hash-only mbedTLS configuration verbatim")


# ---- builds -------------------------------------------------------------------------
def objects_equal(make_obj, cmake_obj):
    """Section contents, relocations and symbols (not the file name)."""
    def dump(o):
        outs = []
        for args in (["-s", "-r"], ["-t"]):
            r = subprocess.run(["arm-none-eabi-objdump"] + args + [o], capture_output=True, text=True)
            lines = [l for l in r.stdout.splitlines() if o not in l and " df *ABS*" not in l]
            outs.append("\n".join(lines))
        return "\n".join(outs)
    a, b = dump(make_obj), dump(cmake_obj)
    return a == b and len(a) > 100


def m4_build(blocks, tmp, env):
    if not run_guide(blocks, "m4", tmp, env):
        return
    lib = os.path.join(tmp, "asc-m4", "libasc.a")
    code, out = run(["arm-none-eabi-objdump", "-f", lib], tmp)
    result(code == 0 and "elf32-littlearm" in out and "posix" not in os.listdir(os.path.join(tmp, "asc-m4")),
           "the Cortex-M4 CMake build produced libasc.a (ARM objects)", out[-1500:])
    # size-report: the tables of make size without its budget check (this
    # test compares the builds; the budget is make size's own verdict)
    code, out = run(["make", "-s", "size-report"], ROOT)
    if not result(code == 0, "make size-report", out[-3000:]):
        return
    make_total = [l for l in out.splitlines() if l.startswith("total:")]
    code, lst = run(["make", "-s", "-f", "tests/cmake/print_sources.mk"], ROOT)
    srcs = [l.split()[1] for l in lst.splitlines() if l.startswith("library ") and not l.endswith("/tls.c")]
    same, differ = [], []
    cm_objs = []
    for s in srcs:
        mo = os.path.join(ROOT, "build", "arm", "size-v1", s[:-2] + ".o")
        co = os.path.join(tmp, "asc-m4", "CMakeFiles", "asc.dir", s + ".obj")
        cm_objs.append(co)
        (same if os.path.exists(co) and objects_equal(mo, co) else differ).append(s)
    result(len(srcs) > 5 and not differ,
           "the CMake Cortex-M4 objects equal make size's (%d sources: contents, relocations, symbols)"
           % len(srcs), "differ: " + " ".join(differ))
    code, out = run(["sh", "tools/size.sh", "arm-none-eabi-size", "cmake"] + cm_objs, ROOT)
    cm_total = [l for l in out.splitlines() if l.startswith("total:")]
    result(code == 0 and cm_total and cm_total == make_total[-1:],
           "the CMake Cortex-M4 library measures as make size: %s" % (cm_total[0] if cm_total else "?"),
           "cmake %s, make size %s" % (cm_total, make_total))


def knob_table():
    """The guide's knob cost table equals `make size-knobs` (tools/knob_cost.sh)."""
    code, out = run(["sh", "tools/knob_cost.sh"], ROOT)
    measured = {}
    for l in out.splitlines():
        m = re.match(r"(\S+)\s+(\d+) bytes\s+([-+]\d+)$", l)
        if m:
            name = m.group(1).split("=")[0]
            measured[name] = int(m.group(2)) if name == "lean" else int(m.group(3))
    text = open(GUIDE, encoding="utf-8").read()
    table = text[text.index("## Compile-time knobs"):text.index("## mbedTLS")]
    shown = {}
    for row in re.findall(r"^\|(.*)\|\s*([-+]?[\d,]+) \|$", table, re.M):
        m = re.search(r"`(ASC_[A-Z0-9_]+)", row[0])
        shown[m.group(1) if m else "lean"] = int(row[1].replace(",", ""))
    result(code == 0 and len(measured) == 12 and shown == measured,
           "docs/integration.md's knob cost table equals make size-knobs",
           "guide %s\nmeasured %s\n%s" % (shown, measured, out[-1500:]))


def cross_make(blocks, env):
    if not run_guide(blocks, "cross-make", ROOT, env):
        return
    obj = os.path.join(ROOT, "build", "armhf", "obj", "src", "sign.o")
    code, out = run(["arm-linux-gnueabihf-objdump", "-f", obj], ROOT)
    result(code == 0 and "elf32-littlearm" in out, "make CROSS=arm-linux-gnueabihf- built ARM objects", out)


def lwip_ports(tmp):
    """asc::lwip_sockets / asc::lwip_raw against lwIP 2.1 (Debian source, as
    make test-lwip) with each test lwipopts.h: the flavour that fits it
    defines its functions, the other compiles to nothing."""
    lwip = os.path.join(ROOT, "build", "deps", "lwip-2.1")
    code, out = run(["make", "-s", os.path.join(lwip, ".fetched")], ROOT)
    if not result(code == 0, "lwIP 2.1 source (make test-lwip's)", out[-2000:]):
        return
    for flavour, lib, other in (("sock", "asc_lwip_sockets", "asc_lwip_raw"), ("raw", "asc_lwip_raw", "asc_lwip_sockets")):
        b = os.path.join(tmp, "lwip-" + flavour)
        incs = "%s/tests/lwip/%s;%s/src/include;%s/unixport/include" % (ROOT, flavour, lwip, lwip)
        code, out = run(["cmake", "-S", ROOT, "-B", b, "-DCMAKE_C_FLAGS=-D_DEFAULT_SOURCE", "-DASC_PORT_POSIX=OFF",
                         "-DASC_LWIP_INCLUDE_DIRS=" + incs,
                         "-DASC_MBEDTLS_INCLUDE_DIRS=%s/include;%s/port/mbedtls" % (MBEDTLS_SRC, ROOT),
                         "-DASC_MBEDTLS_CONFIG_FILE=asc_mbedtls_config.h"], tmp)
        if code == 0:
            code, out = run(["cmake", "--build", b, "-j", JOBS, "--target", lib, other], tmp)
        defined = lambda a: run(["nm", "--defined-only", "-g", os.path.join(b, "lib%s.a" % a)], tmp)[1]
        ok = code == 0 and "asc_port_lwip" in defined(lib) and " T " not in defined(other)
        result(ok, "CMake %s builds against lwIP with the %s lwipopts.h (%s empty)" % (lib, flavour, other),
               out[-2000:])


def hash_only(tmp):
    vec = json.load(open(os.path.join(ROOT, "tests", "vectors", "signing-vectors.json"), encoding="utf-8"))
    case = [c for c in vec["cases"] if c["name"] == "v3-post-body-basic"][0]
    b = os.path.join(tmp, "hash-only")
    code, out = run(["cmake", "-S", os.path.join(HERE, "hash_only"), "-B", b,
                     "-DMBEDTLS_SOURCE_DIR=" + MBEDTLS_SRC], tmp)
    if code == 0:
        code, out = run(["cmake", "--build", b, "-j", JOBS], tmp)
    if not result(code == 0, "signing alone: asc (ASC_TLS=OFF) on a hash-only mbedTLS builds", out[-3000:]):
        return
    code, out = run([os.path.join(b, "sign_only"), case["output"]["authorization"]], tmp)
    result(code == 0 and "0 failed" in out, "signing alone reproduces the official SDK's V3 Authorization "
           "(vector v3-post-body-basic) and signs V1", out)


def main():
    tmp = tempfile.mkdtemp(prefix="asc-consumer-")
    try:
        code, out = run("sh mk/apt.sh cmake pkg-config libmbedtls-dev gcc-arm-linux-gnueabihf "
                        "libc6-dev-armhf-cross gcc-arm-none-eabi libnewlib-arm-none-eabi && make -s -j%s deps lib" % JOBS, ROOT)
        if not result(code == 0, "Debian packages and the Makefile's mbedTLS 3.6 build", out[-3000:]):
            return
        check_lists()
        check_knobs()
        check_recipes()
        text, blocks, unmarked = guide_blocks()
        check_guide_quotes(text, unmarked)

        emu = Emulator(["img-pc", "img-fp", "img-sub"])
        try:
            # 1. pkg-config + Makefile against `make install`
            env = dict(os.environ, ASC=ROOT, PREFIX=os.path.join(tmp, "prefix-make"))
            run_guide(blocks, "make-install", ROOT, env)
            app = consumer_dir(tmp, "app-pkg-config")
            if run_guide(blocks, "pkg-config", app, env):
                delete_with(emu, os.path.join(app, "delete_image"), "img-pc",
                            "pkg-config build deletes an image on the emulator")

            # 2. CMake install + find_package(asc) (mbedTLS: find_package(MbedTLS), Debian's)
            env = dict(os.environ, ASC=ROOT, PREFIX=os.path.join(tmp, "prefix-cmake"))
            run_guide(blocks, "cmake-install", tmp, env)
            cfg = os.path.join(tmp, "prefix-cmake", "lib", "cmake", "asc", "ascConfig.cmake")
            result(os.path.exists(cfg), "cmake --install wrote lib/cmake/asc/ascConfig.cmake")
            app = consumer_dir(tmp, "app-find-package")
            if run_guide(blocks, "find_package", app, env):
                delete_with(emu, os.path.join(app, "build", "delete_image"), "img-fp",
                            "find_package(asc) build (asc::asc, asc::posix) deletes an image on the emulator")

            # 3. add_subdirectory, mbedTLS from a target of the consumer (the
            #    Makefile's mbedTLS 3.6 archive, zero-heap arena)
            app = consumer_dir(tmp, "app-add-subdirectory")
            code, out = run(["cmake", "-S", ".", "-B", "build", "-DASC_CONSUMER_MODE=add_subdirectory",
                             "-DASC_SOURCE_DIR=" + ROOT,
                             "-DFIRMWARE_MBEDTLS_LIBRARY=" + os.path.join(ROOT, "build", "mbedtls", "libascmbedtls.a"),
                             "-DFIRMWARE_MBEDTLS_INCLUDE_DIRS=%s/include;%s/port/mbedtls" % (MBEDTLS_SRC, ROOT)], app)
            if code == 0:
                code, out = run(["cmake", "--build", "build", "-j", JOBS], app)
            if result(code == 0, "add_subdirectory build with the consumer's mbedTLS target", out[-3000:]):
                delete_with(emu, os.path.join(app, "build", "delete_image"), "img-sub",
                            "add_subdirectory build deletes an image on the emulator")
        finally:
            emu.stop()

        hash_only(tmp)
        lwip_ports(tmp)
        env = dict(os.environ, ASC=ROOT, MBEDTLS_INCLUDE=os.path.join(MBEDTLS_SRC, "include"))
        m4_build(blocks, tmp, env)
        knob_table()
        cross_make(blocks, dict(os.environ))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        print("%d passed, %d failed" % (passed, failed))


if __name__ == "__main__":
    main()
    sys.exit(1 if failed else 0)
