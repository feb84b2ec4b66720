#!/usr/bin/env python3
"""End-to-end: build/asc (library + POSIX port + mbedTLS) against the local
emulator over real TLS (OpenSSL on the other side). Usage:
    test_cli.py BUILD_DIR
Last line: "N passed, N failed"."""
import json
import os
import subprocess
import sys
import time
import unittest
from urllib.parse import quote_plus

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
ASC = os.path.join(BUILD, "asc")
SERVER = os.path.join(ROOT, "tests", "emulator", "server.py")
ENV = dict(os.environ, ALIBABA_CLOUD_ACCESS_KEY_ID="testid",
           ALIBABA_CLOUD_ACCESS_KEY_SECRET="testsecret")
ENV.pop("ALIBABA_CLOUD_SECURITY_TOKEN", None)


class Emulator:
    def __init__(self, *args):
        self.p = subprocess.Popen([sys.executable, SERVER, "--port", "0"] + list(args),
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.p.stdout.readline()
        if not line:
            self.p.kill()
            raise RuntimeError("emulator did not start")
        self.info = json.loads(line)
        self.port = self.info["port"]
        self.ca = self.info["ca_file"]

    def stop(self):
        self.p.terminate()
        try:
            self.p.wait(10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        self.p.stdout.close()


def asc(*args, env=ENV, timeout=60):
    r = subprocess.run([ASC] + list(args), env=env, capture_output=True, timeout=timeout)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


class TLSEmulator(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator("--image", "img-a", "--image", "img-b", "--image", "img-v1",
                           "--image", "img-sts", "--image", "img-c", "--sts", "STS.id:stssecret:CAIS+tok/en=",
                           "--access-key", "testid:testsecret")
        cls.ep = "localhost:%d" % cls.emu.port

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()

    def call(self, *args, env=ENV):
        return asc(*args, "--endpoint", self.ep, "--ca-file", self.emu.ca, env=env)

    def test_delete_then_not_exist(self):
        rc, out, err = self.call("DeleteImage", "--ImageId", "img-a")
        self.assertEqual(rc, 0, err)
        body = json.loads(out)
        self.assertIs(body["Data"], True)
        self.assertEqual(body["Code"], "200")
        rc, out, err = self.call("DeleteImage", "--ImageId", "img-a")
        self.assertEqual(rc, 4, err)
        self.assertIn("Image.NotExist", err)
        self.assertIn("RequestId", err)
        self.assertIn("Recommend", err)

    def test_v1(self):
        rc, out, err = self.call("DeleteImage", "--ImageId", "img-v1", "--signature", "v1")
        self.assertEqual(rc, 0, err)

    def test_sts(self):
        env = dict(ENV, ALIBABA_CLOUD_ACCESS_KEY_ID="STS.id",
                   ALIBABA_CLOUD_ACCESS_KEY_SECRET="stssecret",
                   ALIBABA_CLOUD_SECURITY_TOKEN="CAIS+tok/en=")
        rc, out, err = self.call("DeleteImage", "--ImageId", "img-sts", env=env)
        self.assertEqual(rc, 0, err)

    def test_wrong_secret(self):
        env = dict(ENV, ALIBABA_CLOUD_ACCESS_KEY_SECRET="nope")
        rc, out, err = self.call("DeleteImage", "--ImageId", "img-b", env=env)
        self.assertEqual(rc, 4)
        self.assertIn("SignatureDoesNotMatch", err)
        self.assertNotIn("nope", out + err)

    def test_list_generic(self):
        rc, out, err = self.call("ListImage", "--PageSize", "10")
        self.assertEqual(rc, 0, err)
        self.assertIn("Images", json.loads(out))

    def test_odd_image_ids_round_trip(self):
        for iid in ["img tab\there", "img-\u955c\u50cf-\U0001F600", "x" * 1000,
                    " +*~/=&%!'()\"#?:@,;$[]<>^`{|}\\"]:
            rc, out, err = self.call("DeleteImage", "--ImageId", iid)
            self.assertEqual(rc, 4, err)
            self.assertIn("Image.NotExist", err)  # signature accepted, id decoded

    def test_readme_example(self):
        # The C example in README.md is examples/hello/delete_image.c verbatim.
        readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
        src = open(os.path.join(ROOT, "examples", "hello", "delete_image.c"), encoding="utf-8").read()
        self.assertIn(src.strip(), readme)
        ca = open(self.emu.ca, encoding="ascii").read()
        r = subprocess.run([os.path.join(BUILD, "hello_delete_image"), "img-b", "localhost",
                            str(self.emu.port), ca], env=ENV, capture_output=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertTrue(r.stdout.startswith(b"ok 200 "), r.stdout)
        # The same program linked with allocator wrappers that abort: the
        # whole call path (TLS handshake included) never touches the heap.
        r = subprocess.run([os.path.join(BUILD, "tests", "hello_heap_guarded"), "img-c",
                            "localhost", str(self.emu.port), ca], env=ENV,
                           capture_output=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertTrue(r.stdout.startswith(b"ok 200 "), r.stdout)

    def test_unreachable(self):
        rc, out, err = asc("DeleteImage", "--ImageId", "x", "--endpoint", "localhost:1",
                           "--ca-file", self.emu.ca, "--retries", "0")
        self.assertEqual(rc, 3, err)

    def test_wrong_ca(self):
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            other = os.path.join(d, "other-ca.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                            "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                            os.path.join(d, "k.pem"), "-out", other, "-days", "2",
                            "-subj", "/CN=unrelated test CA"], check=True, capture_output=True)
            rc, out, err = asc("DeleteImage", "--ImageId", "img-b", "--endpoint", self.ep,
                               "--ca-file", other, "--retries", "0")
        self.assertEqual(rc, 3, err)
        self.assertIn("certificate", err)

    def test_plaintext_to_tls_port_fails_cleanly(self):
        rc, out, err = asc("DeleteImage", "--ImageId", "img-b", "--endpoint", self.ep,
                           "--insecure-plaintext-http", "--retries", "0", "--timeout-ms", "3000")
        self.assertIn(rc, (1, 3), err)

    def test_usage_errors(self):
        rc, out, err = asc("DeleteImage", "--ImageId", "x", "--bogus", "1")
        self.assertEqual(rc, 2)
        self.assertIn("unknown option", err)
        rc, out, err = asc("DeleteImage")
        self.assertEqual(rc, 2)
        rc, out, err = asc("DeleteImage", "--ImageId", "x", env={"PATH": "/usr/bin"})
        self.assertEqual(rc, 2)
        self.assertIn("ALIBABA_CLOUD_ACCESS_KEY_ID", err)

    def test_dry_run_reproducible(self):
        args = ["DeleteImage", "--ImageId", "img-1", "--dry-run", "--nonce",
                "0123456789abcdef0123456789abcdef", "--timestamp", "2026-01-01T00:00:00Z",
                "--allow-any-timestamp"]
        a = asc(*args)
        b = asc(*args)
        self.assertEqual(a[0], 0, a[2])
        self.assertEqual(a[1], b[1])
        self.assertTrue(a[1].startswith("POST / HTTP/1.1\r\n"))
        self.assertIn("x-acs-date: 2026-01-01T00:00:00Z\r\n", a[1])
        self.assertTrue(a[1].endswith("\r\n\r\nImageId=img-1"))
        self.assertNotIn("testsecret", a[1])

    def test_verbose_masks_secrets(self):
        env = dict(ENV, ALIBABA_CLOUD_ACCESS_KEY_ID="STS.id",
                   ALIBABA_CLOUD_ACCESS_KEY_SECRET="stssecret",
                   ALIBABA_CLOUD_SECURITY_TOKEN="CAIS+tok/en=")
        rc, out, err = self.call("ListImage", "--verbose", env=env)
        self.assertEqual(rc, 0, err)
        self.assertIn("Credential=****,", err)
        self.assertIn("Signature=****", err)
        self.assertIn("x-acs-security-token: ****", err)
        self.assertNotIn("CAIS+tok/en=", out + err)
        self.assertNotIn("stssecret", out + err)


NONCE = "0123456789abcdef0123456789abcdef"
FIXED = ["--nonce", NONCE, "--timestamp", "2026-01-01T00:00:00Z", "--allow-any-timestamp"]
GOLDEN = os.path.join(ROOT, "tests", "e2e", "golden")


def control(port, method, path, body=None):
    import http.client
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request(method, "/__emulator__" + path, body=None if body is None else json.dumps(body),
              headers={"Content-Type": "application/json"})
    r = c.getresponse()
    data = json.loads(r.read() or b"{}")
    c.close()
    return data


def trace_lines(err, marks=("* ", ">", "<", "*")):
    return [l for l in err.splitlines() if l.startswith(marks)]


class Diagnostics(unittest.TestCase):
    """Issues 20 and 26: what the CLI says, against the emulator over plain
    HTTP (so that --nonce and --timestamp can fix a request that is sent)."""

    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator("--http", "--image", "img-d1", "--image", "img-d2", "--image", "img-d3",
                           "--image", "img-d4", "--access-key", "testid:testsecret")
        cls.ep = "localhost:%d" % cls.emu.port

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()

    def call(self, *args, env=ENV, timeout=60):
        return asc(*args, "--endpoint", self.ep, "--insecure-plaintext-http", env=env,
                   timeout=timeout)

    def requests(self):
        return control(self.emu.port, "GET", "/requests")["requests"]

    def fault(self, spec):
        control(self.emu.port, "POST", "/faults", spec)

    def setUp(self):
        control(self.emu.port, "POST", "/faults/clear")
        control(self.emu.port, "POST", "/requests/clear")

    # -- options
    def test_near_miss_options_refused_before_sending(self):
        for typo, meant in [("--dryrun", "--dry-run"), ("--dry_run", "--dry-run"),
                            ("--timeout", "--timeout-ms"), ("--verbsoe", "--verbose"),
                            ("--Dry-Run", "--dry-run")]:
            rc, out, err = self.call("DeleteImage", "--ImageId", "img-d1", typo)
            self.assertEqual(rc, 2, (typo, err))
            self.assertIn("did you mean %s?" % meant, err)
            self.assertIn("nothing was sent", err)
            self.assertEqual(out, "")
        self.assertEqual(self.requests(), [])  # not one request reached the emulator
        rc, out, err = self.call("DeleteImage", "--ImageId", "img-d1", "--frobnicate")
        self.assertEqual(rc, 2, err)
        self.assertIn("unknown option --frobnicate", err)
        self.assertIn("API parameters start with an upper-case letter (--Frobnicate)", err)

    # -- exit codes, each one (README and --help list them)
    def test_every_exit_code(self):
        rc, out, err = asc("--help")
        self.assertEqual(rc, 0)
        for code in range(7):
            self.assertRegex(out, r"\n  %d  " % code)
        rc, out, err = self.call("DeleteImage", "--ImageId", "img-d2")
        self.assertEqual(rc, 0, err)
        self.fault("malformed,mode=garbage,count=1")
        rc, out, err = self.call("ListImage", "--retries", "0")
        self.assertEqual(rc, 1, err)
        self.assertIn("answer not understood", err)
        rc, out, err = self.call("DeleteImage")
        self.assertEqual(rc, 2, err)
        rc, out, err = asc("DeleteImage", "--ImageId", "x", "--endpoint", "localhost:1",
                           "--insecure-plaintext-http", "--retries", "0")
        self.assertEqual(rc, 3, err)
        rc, out, err = self.call("DeleteImage", "--ImageId", "img-nope")
        self.assertEqual(rc, 4, err)
        readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
        for code in range(5):
            self.assertRegex(readme, r"\n\| %d \|" % code)

    # -- a deletion an earlier (lost) attempt performed
    def test_already_deleted_prints_success(self):
        self.fault("drop,count=1")  # the image is deleted, the answer lost
        rc, out, err = self.call("DeleteImage", "--ImageId", "img-d3", "--verbose")
        self.assertEqual(rc, 0, err)
        self.assertNotIn("Image.NotExist", out)
        body = json.loads(out)
        self.assertIs(body["Success"], True)
        self.assertIs(body["AlreadyDeleted"], True)
        self.assertIn("earlier attempt deleted the image", err)
        self.assertEqual(len(self.requests()), 2)
        self.assertIn("* attempts: 2", err)

    # -- issue 20.3: a huge TimeLeft ends within the deadline
    def test_huge_time_left_bounded(self):
        self.fault("throttle,count=5,time_left=4294967294")
        t0 = time.monotonic()
        rc, out, err = self.call("ListImage", "--deadline-ms", "3000", timeout=30)
        self.assertLess(time.monotonic() - t0, 10)
        self.assertEqual(rc, 4, err)
        self.assertIn("Throttling.User", err)

    # -- issue 20.5: service text is escaped
    def test_control_bytes_escaped(self):
        self.fault({"type": "error", "code": "Evil\u001b[2J", "status": 400,
                    "message": "fake\r\nRequestId: forged\u001b]0;title\u0007 \u202e"})
        rc, out, err = self.call("ListImage", "--retries", "0")
        self.assertEqual(rc, 4, err)
        self.assertNotIn("\x1b", out + err)
        self.assertNotIn("\x07", out + err)
        self.assertNotIn("\u202e", out + err)
        self.assertIn("Evil\\u001b[2J", err)
        self.assertIn("fake\\r\\nRequestId: forged\\u001b]0;title\\u0007 \\u202e", err)

    # -- issue 20.8: the region is one DNS label
    def test_region_checked(self):
        for r in ["cn-shanghai.evil.example", "a" * 64, "CN-SHANGHAI", "cn_shanghai", "",
                  "-cn", "cn/x"]:
            rc, out, err = asc("DeleteImage", "--ImageId", "x", "--region", r, "--dry-run")
            self.assertEqual(rc, 2, (r, err))
            self.assertEqual(out, "")
        rc, out, err = asc("DeleteImage", "--ImageId", "x", "--region", "a" * 63, "--dry-run")
        self.assertEqual(rc, 0, err)
        self.assertIn("host: appstream-center.%s.aliyuncs.com\r\n" % ("a" * 63), out)

    # -- issue 20.4: --dry-run masks, --timestamp stays near now
    def test_dry_run_masks_and_timestamp_window(self):
        env = dict(ENV, ALIBABA_CLOUD_ACCESS_KEY_ID="STS.id",
                   ALIBABA_CLOUD_ACCESS_KEY_SECRET="stssecret",
                   ALIBABA_CLOUD_SECURITY_TOKEN="CAIS+tok/en=")
        for sig in ("v3", "v1"):
            rc, out, err = asc("DeleteImage", "--ImageId", "x", "--dry-run", "--signature", sig,
                               env=env)
            self.assertEqual(rc, 0, err)
            self.assertNotIn("CAIS", out + err)
            self.assertNotIn("STS.id", out + err)
            self.assertIn("****", out)
            rc, out, err = asc("DeleteImage", "--ImageId", "x", "--dry-run", "--signature", sig,
                               "--show-secrets", env=env)
            self.assertIn("STS.id", out)
        rc, out, err = asc("DeleteImage", "--ImageId", "x", "--dry-run", "--timestamp",
                           "2030-01-01T00:00:00Z")
        self.assertEqual(rc, 2, err)
        self.assertIn("--allow-any-timestamp", err)
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        rc, out, err = asc("DeleteImage", "--ImageId", "x", "--dry-run", "--timestamp", now)
        self.assertEqual(rc, 0, err)

    # -- issue 26: the --verbose trace is the real signing path
    def test_golden_dry_run_trace(self):
        for sig in ("v3", "v1"):
            rc, out, err = asc("DeleteImage", "--ImageId", "img-1", "--dry-run", "--verbose",
                               "--signature", sig, *FIXED)
            self.assertEqual(rc, 0, err)
            golden = open(os.path.join(GOLDEN, "dry_run_verbose_%s.txt" % sig),
                          encoding="utf-8").read()
            self.assertEqual(err, golden)

    def test_verbose_trace_is_what_was_sent(self):
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        for sig in ("v3", "v1"):
            fixed = ["--nonce", "%032x" % (int(time.time() * 1000) + ord(sig[1])),
                     "--timestamp", now, "--signature", sig, "--show-secrets"]
            rc, dry, dry_err = self.call("ListImage", "--PageSize", "5", "--dry-run",
                                         "--verbose", *fixed)
            self.assertEqual(rc, 0, dry_err)
            rc, out, err = self.call("ListImage", "--PageSize", "5", "--verbose", *fixed)
            self.assertEqual(rc, 0, err)
            sent = [l for l in trace_lines(err) if not l.startswith("<")]
            self.assertEqual(sent[:len(trace_lines(dry_err))], trace_lines(dry_err))
            self.assertIn("< HTTP/1.1 200 OK", err)
            self.assertIn("* attempts: 1", err)
            # the signature traced is the one in the request line that was sent
            sig_line = [l for l in err.splitlines() if l.startswith("* signature: ")][0]
            value = sig_line[len("* signature: "):]
            self.assertTrue(any(value in l or quote_plus(value) in l
                                for l in err.splitlines() if l.startswith(">")), err)

    def test_signature_mismatch_difference_marked(self):
        # A peer whose string to sign differs from ours in the hash line:
        # the first difference is named and marked.
        import socket
        import threading
        srv = socket.socket()
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        body = json.dumps({"RequestId": "R", "Code": "SignatureDoesNotMatch",
                           "Message": "Specified signature does not match our calculation. "
                                      "server string to sign is:ACS3-HMAC-SHA256\n" + "X" * 64})

        def serve():
            c, _ = srv.accept()
            data = b""
            while b"\r\n\r\n" not in data:
                d = c.recv(4096)
                if not d:
                    break
                data += d
            c.sendall(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: %d\r\n\r\n"
                      % len(body) + body.encode())
            c.close()
        th = threading.Thread(target=serve)
        th.start()
        try:
            rc, out, err = asc("ListImage", "--endpoint", "127.0.0.1:%d" % srv.getsockname()[1],
                               "--insecure-plaintext-http", "--retries", "0")
        finally:
            th.join(10)
            srv.close()
        self.assertEqual(rc, 4, err)
        self.assertIn("our string to sign differs from the server's at byte 17 (line 2, column 1)",
                      err)
        lines = err.splitlines()
        i = [k for k, l in enumerate(lines) if l.startswith("  ours:   ")][0]
        self.assertEqual(lines[i + 1], "  server: " + "X" * 64)
        self.assertRegex(lines[i], "^  ours:   [0-9a-f]{64}$")
        self.assertEqual(lines[i + 2], " " * len("  ours:   ") + "^")

    def test_signature_mismatch_compared(self):
        env = dict(ENV, ALIBABA_CLOUD_ACCESS_KEY_SECRET="wrong")
        rc, out, err = self.call("ListImage", env=env)
        self.assertEqual(rc, 4, err)
        self.assertIn("SignatureDoesNotMatch", err)
        self.assertIn("our string to sign is the same as the server's", err)
        self.assertIn("ALIBABA_CLOUD_ACCESS_KEY_SECRET", err)
        self.assertNotIn("wrong", out + err.replace("is wrong", ""))


class DocumentedErrors(unittest.TestCase):
    """Every documented DeleteImage error, reached by image state in the
    emulator, surfaces through the library as its own enum value."""
    CASES = [  # image attributes, HTTP status, code
        (None, 400, "Image.NotExist"),
        ({"service_unavailable": True}, 500, "ServiceUnavailable"),
        ({"internal_error": True}, 400, "InternalError"),
        ({"status": "Creating"}, 400, "InvalidImageOperation.ImageIsCreating"),
        ({"shared": True}, 400, "ImageDeleteFailed.NotAllowSharedImage"),
        ({"type": "system"}, 400, "ImageDeleteFailed.NotAllow"),
        ({"community_parent": True}, 400, "ImageDeleteFailed.NotAllowCommunityParent"),
        ({"has_shared_images": True}, 400, "ImageDeleteFailed.HasSharedImage"),
        ({"shared_cloud_computers": 2}, 400, "ImageNotAllowDelete"),
        ({"template": {"id": "t1", "state": "query_failed"}}, 400, "QueryTemplate.Failed"),
        ({"template": {"id": "t2", "state": "missing"}}, 400, "InvalidTemplate.NotFound"),
        ({"template": {"id": "t3", "state": "delete_failed"}}, 400, "DeleteTemplate.Failed"),
    ]

    def test_every_documented_code(self):
        import tempfile
        images = []
        ids = []
        for i, (attrs, _, _) in enumerate(self.CASES):
            iid = "img-err-%02d" % i
            ids.append(iid)
            if attrs is not None:
                images.append(dict(attrs, id=iid))
        with tempfile.TemporaryDirectory() as d:
            state = os.path.join(d, "state.json")
            with open(state, "w") as f:
                json.dump({"images": images}, f)
            emu = Emulator("--state", state)
            try:
                r = subprocess.run([os.path.join(BUILD, "tests", "e2e_errors"), "localhost",
                                    str(emu.port), emu.ca] + ids, env=ENV,
                                   capture_output=True, timeout=120)
            finally:
                emu.stop()
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        lines = [l for l in r.stdout.decode().splitlines() if not l.startswith("#")]
        self.assertEqual(len(lines), len(self.CASES))
        for (attrs, status, code), line in zip(self.CASES, lines):
            iid, st, http, enum_text, got_code = line.split(" ")
            self.assertEqual((st, int(http), got_code), ("service", status, code), line)
            self.assertEqual(enum_text, code, line)  # mapped to its own enum value


class BadCertificates(unittest.TestCase):
    def run_against(self, *emu_args):
        emu = Emulator("--image", "img-x", *emu_args)
        try:
            return asc("DeleteImage", "--ImageId", "img-x", "--endpoint",
                       "localhost:%d" % emu.port, "--ca-file", emu.ca, "--retries", "0")
        finally:
            emu.stop()

    def test_expired(self):
        rc, out, err = self.run_against("--cert-expired")
        self.assertEqual(rc, 3, err)

    def test_wrong_hostname(self):
        rc, out, err = self.run_against("--cert-hostname", "other.example")
        self.assertEqual(rc, 3, err)


class Faults(unittest.TestCase):
    def test_retry_after_unavailable_and_throttle(self):
        emu = Emulator("--image", "img-f", "--fault", "unavailable,count=1",
                       "--fault", "throttle,count=1,time_left=300")
        try:
            rc, out, err = asc("DeleteImage", "--ImageId", "img-f", "--endpoint",
                               "localhost:%d" % emu.port, "--ca-file", emu.ca)
            self.assertEqual(rc, 0, err)
        finally:
            emu.stop()

    def test_clock_skew_corrected(self):
        emu = Emulator("--image", "img-s", "--clock-offset", "7200")
        try:
            rc, out, err = asc("DeleteImage", "--ImageId", "img-s", "--endpoint",
                               "localhost:%d" % emu.port, "--ca-file", emu.ca, "--retries", "0")
            self.assertEqual(rc, 0, err)
        finally:
            emu.stop()

    def test_plain_http_when_asked(self):
        emu = Emulator("--http", "--image", "img-p")
        try:
            rc, out, err = asc("DeleteImage", "--ImageId", "img-p", "--endpoint",
                               "localhost:%d" % emu.port, "--insecure-plaintext-http")
            self.assertEqual(rc, 0, err)
            self.assertIn("WARNING", err)
        finally:
            emu.stop()


class FrontEndAndData(unittest.TestCase):
    """Issues 13 and 22 end to end, over TLS: nginx-like front-end answers
    (the emulator's front_end fault) and DeleteImage answers whose Data is
    not true (the data fault and the data_false image flag)."""

    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator("--access-key", "testid:testsecret")
        cls.ep = "localhost:%d" % cls.emu.port

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()

    def ctl(self, method, path, body=None):
        import http.client
        import ssl
        c = http.client.HTTPSConnection("localhost", self.emu.port, timeout=10,
                                        context=ssl.create_default_context(cafile=self.emu.ca))
        c.request(method, "/__emulator__" + path, body=None if body is None else json.dumps(body),
                  headers={"Content-Type": "application/json"})
        r = c.getresponse()
        data = json.loads(r.read() or b"{}")
        c.close()
        return r.status, data

    def setUp(self):
        self.ctl("POST", "/faults/clear")
        self.ctl("POST", "/requests/clear")
        self.iid = "img-fe-%d" % int(time.monotonic() * 1e6)
        self.ctl("POST", "/images", {"id": self.iid})

    def fault(self, spec):
        st, b = self.ctl("POST", "/faults", {"spec": spec})
        self.assertEqual(st, 200, b)

    def exists(self):
        return self.ctl("GET", "/images/" + self.iid)[0] == 200

    def deletes(self):
        reqs = self.ctl("GET", "/requests")[1]["requests"]
        # every API request for this image, answered by a fault or by the API
        return [r for r in reqs if (r.get("params") or {}).get("ImageId") == self.iid]

    def delete(self, *extra):
        return asc("DeleteImage", "--ImageId", self.iid, "--endpoint", self.ep,
                   "--ca-file", self.emu.ca, *extra)

    def assertNoJsonError(self, err):
        self.assertNotIn("malformed JSON", err)
        self.assertNotIn("unknown (HTTP", err)

    def test_gateway_timeout_after_the_delete_ran_is_success(self):
        for status in (504, 502):
            self.setUp()
            self.fault("front_end,status=%d,execute=1" % status)
            rc, out, err = self.delete()
            self.assertEqual(rc, 0, err)
            self.assertIn("earlier attempt", err)
            self.assertFalse(self.exists())
            self.assertEqual(len(self.deletes()), 2)  # the 5xx, then Image.NotExist

    def test_413_names_its_status(self):
        self.fault("front_end,status=413")
        rc, out, err = self.delete()
        self.assertEqual(rc, 5, err)
        self.assertIn("HTTP 413 from the front end (Server: nginx), no service answer", err)
        self.assertNoJsonError(err)
        self.assertEqual(len(self.deletes()), 1)  # not retried
        self.assertTrue(self.exists())

    def test_301_is_not_followed(self):
        self.fault("front_end,status=301,location=https://elsewhere.example/v2/")
        rc, out, err = self.delete()
        self.assertEqual(rc, 5, err)
        self.assertIn("HTTP 301 from the front end (Server: nginx)", err)
        self.assertIn("https://elsewhere.example/v2/", err)
        self.assertIn("not followed", err)
        self.assertNoJsonError(err)
        self.assertEqual(len(self.deletes()), 1)

    def test_429_is_retried_after_retry_after(self):
        self.fault("front_end,status=429,retry_after=1")
        t = time.monotonic()
        rc, out, err = self.delete()
        self.assertEqual(rc, 0, err)
        self.assertGreaterEqual(time.monotonic() - t, 0.95)
        self.assertEqual(len(self.deletes()), 2)
        self.assertFalse(self.exists())

    def test_429_every_time_is_named(self):
        self.fault("front_end,status=429,retry_after=1,count=3")
        rc, out, err = self.delete("--retries", "2")
        self.assertEqual(rc, 5, err)
        self.assertIn("HTTP 429 from the front end (Server: nginx), no service answer", err)
        self.assertIn("Retry-After: 1 s", err)
        self.assertNoJsonError(err)
        self.assertEqual(len(self.deletes()), 3)
        self.assertTrue(self.exists())

    def test_503_page_is_retried(self):
        self.fault("front_end,status=503")
        rc, out, err = self.delete()
        self.assertEqual(rc, 0, err)
        self.assertEqual(len(self.deletes()), 2)

    def test_data_false_is_not_deleted(self):
        self.fault("data,value=false")
        rc, out, err = self.delete()
        self.assertEqual(rc, 6, err)
        self.assertIn("did not delete the image", err)
        self.assertIs(json.loads(out)["Data"], False)  # Data stays in the printed JSON
        self.assertIn("RequestId: ", err)
        self.assertEqual(len(self.deletes()), 1)  # not retried
        self.assertTrue(self.exists())
        rc, out, err = asc("ListImage", "--ImageId", self.iid, "--endpoint", self.ep,
                           "--ca-file", self.emu.ca)
        self.assertEqual(rc, 0, err)
        self.assertEqual([i["ImageId"] for i in json.loads(out)["Images"]], [self.iid])

    def test_data_false_image_flag(self):
        self.ctl("POST", "/images/" + self.iid, {"data_false": True})
        rc, out, err = self.delete()
        self.assertEqual(rc, 6, err)
        self.assertIn("did not delete the image", err)
        self.assertTrue(self.exists())

    def test_data_absent_is_not_a_deletion(self):
        for value in ("absent", "string", "null"):
            self.setUp()
            self.fault("data,value=%s" % value)
            rc, out, err = self.delete()
            self.assertEqual(rc, 6, err)
            self.assertIn("did not confirm the deletion", err)
            self.assertTrue(self.exists())

    def test_data_true_still_exits_0(self):
        self.fault("data,value=true")
        rc, out, err = self.delete()
        self.assertEqual(rc, 0, err)
        self.assertIs(json.loads(out)["Data"], True)


if __name__ == "__main__":
    res = unittest.main(exit=False, verbosity=1).result
    failed = len(res.failures) + len(res.errors)
    print("%d passed, %d failed" % (res.testsRun - failed, failed))
    sys.exit(1 if failed else 0)
