#!/usr/bin/env python3
"""`build/asc --dry-run` against the official SDK's requests in
tests/vectors/signing-vectors.json: for every DeleteImage case the CLI
can express (POST, parameters in the form body), the request we would send
has the SDK's method, path, signed header set and values, the same
parameters after form-decoding (any bytes round-trip), and a signature that
an independent Python implementation accepts. Usage: test_dryrun_vectors.py BUILD_DIR
Last line: "N passed, N failed"."""
import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys
import unittest
from urllib.parse import parse_qsl, quote, urlsplit

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
VECTORS = os.environ.get("ASC_SIGNING_VECTORS",
                         os.path.join(ROOT, "tests", "vectors", "signing-vectors.json"))
V1_COMMON = {"AccessKeyId", "Action", "Format", "SecurityToken", "SignatureMethod",
             "SignatureNonce", "SignatureVersion", "Timestamp", "Version"}


def enc(s):
    return quote(s, safe="-_.~")


def dry_run(case):
    inp = case["input"]
    env = {"PATH": os.environ.get("PATH", "/usr/bin"),
           "ALIBABA_CLOUD_ACCESS_KEY_ID": inp["accessKeyId"],
           "ALIBABA_CLOUD_ACCESS_KEY_SECRET": inp["accessKeySecret"]}
    if inp.get("securityToken"):
        env["ALIBABA_CLOUD_SECURITY_TOKEN"] = inp["securityToken"]
    args = [os.path.join(BUILD, "asc"), inp["action"]]
    for k, v in inp["params"].items():
        args += ["--" + k, v]
    args += ["--endpoint", inp["host"], "--signature", inp["version"], "--dry-run",
             "--nonce", inp["nonce"], "--timestamp", inp["timestamp"],
             "--allow-any-timestamp", "--show-secrets"]
    r = subprocess.run([a.encode("utf-8") for a in args], env=env, capture_output=True, timeout=30)
    return r.returncode, r.stdout, r.stderr


def parse(req):
    head, _, body = req.partition(b"\r\n\r\n")
    lines = head.decode("utf-8").split("\r\n")
    method, target, proto = lines[0].split(" ")
    headers = {}
    for l in lines[1:]:
        k, _, v = l.partition(": ")
        headers[k.lower()] = v
    return method, target, proto, headers, body


def form(b):
    return parse_qsl(b.decode("utf-8") if isinstance(b, bytes) else b, keep_blank_values=True,
                     strict_parsing=False, errors="strict")


class DryRunVectors(unittest.TestCase):
    pass


def make_v3(case):
    def t(self):
        out = case["output"]
        inp = case["input"]
        rc, req, err = dry_run(case)
        if inp["params"].get("ImageId") == "":
            # Empty ImageId is refused before anything is built (issue 2).
            self.assertEqual(rc, 2)
            self.assertIn(b"needs --ImageId", err)
            return
        self.assertEqual(rc, 0, err)
        method, target, proto, h, body = parse(req)
        self.assertEqual((method, target, proto), ("POST", "/", "HTTP/1.1"))
        self.assertEqual(int(h["content-length"]), len(body))
        # the same parameters after form-decoding, exactly
        self.assertEqual(sorted(form(body)), sorted(form(out["request"]["body"] or "")))
        self.assertEqual(dict(form(body)), inp["params"])
        # signed header set and values (the content hash follows our bytes)
        auth = h["authorization"]
        self.assertTrue(auth.startswith("ACS3-HMAC-SHA256 Credential=" + inp["accessKeyId"] + ","))
        signed = auth.split("SignedHeaders=")[1].split(",")[0]
        self.assertEqual(signed, out["signedHeaders"])
        sdk_h = {k.lower(): v for k, v in out["request"]["headers"].items()}
        for name in signed.split(";"):
            if name == "x-acs-content-sha256":
                self.assertEqual(h[name], hashlib.sha256(body).hexdigest())
            else:
                self.assertEqual(h[name], sdk_h[name], name)
        for name in ("accept",):
            self.assertEqual(h[name], sdk_h[name])
        # an independent V3 verifier accepts our signature
        canon = "POST\n/\n\n" + "".join("%s:%s\n" % (n, h[n].strip()) for n in signed.split(";")) \
            + "\n" + signed + "\n" + hashlib.sha256(body).hexdigest()
        sts = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canon.encode()).hexdigest()
        sig = hmac.new(inp["accessKeySecret"].encode(), sts.encode(), hashlib.sha256).hexdigest()
        self.assertEqual(auth.split("Signature=")[1], sig)
        if body == (out["request"]["body"] or "").encode():
            self.assertEqual(auth, out["authorization"])  # same bytes: identical
    return t


def make_v1(case):
    def t(self):
        out = case["output"]
        inp = case["input"]
        rc, req, err = dry_run(case)
        if inp["params"].get("ImageId") == "":
            # Empty ImageId is refused before anything is built (issue 2).
            self.assertEqual(rc, 2)
            self.assertIn(b"needs --ImageId", err)
            return
        self.assertEqual(rc, 0, err)
        method, target, proto, h, body = parse(req)
        self.assertEqual(method, "POST")
        u = urlsplit(target)
        self.assertEqual(u.path, "/")
        params = form(u.query) + form(body)
        names = [k for k, _ in params]
        self.assertEqual(len(names), len(set(names)))
        d = dict(params)
        sig = d.pop("Signature")
        want = dict(out["signedParams"])
        want["Format"] = "JSON"
        self.assertEqual(d, want)
        self.assertEqual(dict(form(body)), inp["params"])
        canon = "&".join("%s=%s" % (enc(k), enc(v)) for k, v in sorted(d.items()))
        sts = "POST&%2F&" + enc(canon)
        mac = hmac.new((inp["accessKeySecret"] + "&").encode(), sts.encode(), hashlib.sha1).digest()
        self.assertEqual(sig, base64.b64encode(mac).decode())
        if out["signedParams"].get("Format") == "JSON" and case["input"]["method"] == "POST":
            self.assertEqual(sig, out["signature"])  # same parameters: identical
    return t


with open(VECTORS, encoding="utf-8") as f:
    DATA = json.load(f)
COUNT = 0
for c in DATA["cases"]:
    i = c["input"]
    if i["action"] != "DeleteImage" or any(k[:1].islower() for k in i["params"]):
        continue  # the CLI reads --lowercase as its own options
    if i["version"] == "v3" and i["method"] == "POST" and i.get("paramsIn") == "body" \
            and i.get("credentialsProviderHeader", True):
        setattr(DryRunVectors, "test_" + c["name"].replace("-", "_"), make_v3(c))
        COUNT += 1
    elif i["version"] == "v1" and i["method"] == "POST":
        setattr(DryRunVectors, "test_" + c["name"].replace("-", "_"), make_v1(c))
        COUNT += 1

if __name__ == "__main__":
    res = unittest.main(exit=False, verbosity=1).result
    failed = len(res.failures) + len(res.errors)
    print("%d passed, %d failed" % (res.testsRun - failed, failed))
    sys.exit(1 if failed or COUNT < 10 else 0)
