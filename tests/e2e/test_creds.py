#!/usr/bin/env python3
"""End-to-end: the CLI's credential chain (issue 16) against the emulator
over TLS. HOME points at a temporary directory; no ALIBABA_CLOUD_* variable
of the caller's environment leaks in. Usage:
    test_creds.py BUILD_DIR
Last line: "N passed, N failed"."""
import http.client
import http.server
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
ASC = os.path.join(BUILD, "asc")
SERVER = os.path.join(ROOT, "tests", "emulator", "server.py")

SECRETS = ["testsecret", "stssecret", "CAIS-profile-token", "usecret", "CAIS-uri-token"]


def clean_env(home, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALIBABA_CLOUD_")}
    env["HOME"] = home
    env.update(extra)
    return env


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
        self.ctx = ssl.create_default_context(cafile=self.ca)

    def ctl(self, method, path):
        c = http.client.HTTPSConnection("localhost", self.port, timeout=10, context=self.ctx)
        c.request(method, "/__emulator__" + path)
        r = c.getresponse()
        data = json.loads(r.read() or b"{}")
        c.close()
        return data

    def stop(self):
        self.p.terminate()
        try:
            self.p.wait(10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        self.p.stdout.close()


class UriServer:
    """A small local credentials URI (plain HTTP) handing out fixed STS
    credentials; counts its requests."""

    def __init__(self, body, status=200):
        outer = self
        self.hits = 0

        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.hits += 1
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *a):
                pass

        self.srv = http.server.HTTPServer(("127.0.0.1", 0), H)
        self.port = self.srv.server_address[1]
        self.t = threading.Thread(target=self.srv.serve_forever, daemon=True)
        self.t.start()

    def stop(self):
        self.srv.shutdown()
        self.srv.server_close()


class CredentialChain(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator("--access-key", "testid:testsecret",
                           "--sts", "STS.prof:stssecret:CAIS-profile-token",
                           "--sts", "STS.uri:usecret:CAIS-uri-token")
        cls.ep = "localhost:%d" % cls.emu.port

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()

    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="asc-home-")
        self.addCleanup(shutil.rmtree, self.home, True)
        self.since = self.emu.ctl("GET", "/requests?all=1")["requests"]
        self.since = self.since[-1]["seq"] if self.since else 0

    def config(self, obj):
        os.makedirs(os.path.join(self.home, ".aliyun"), exist_ok=True)
        with open(os.path.join(self.home, ".aliyun", "config.json"), "w") as fp:
            json.dump(obj, fp)

    def image(self):
        iid = "img-" + os.urandom(5).hex()
        c = http.client.HTTPSConnection("localhost", self.emu.port, timeout=10, context=self.emu.ctx)
        c.request("POST", "/__emulator__/images", json.dumps({"id": iid}),
                  {"Content-Type": "application/json"})
        c.getresponse().read()
        c.close()
        return iid

    def asc(self, *args, **env):
        r = subprocess.run([ASC] + list(args) + ["--endpoint", self.ep, "--ca-file", self.emu.ca],
                           env=clean_env(self.home, **env), capture_output=True, timeout=60)
        out, err = r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")
        for s in SECRETS:
            self.assertNotIn(s, out + err, "a secret or token was printed")
        return r.returncode, out, err

    def api_requests(self):
        """(ak, error code or None) of the API requests since setUp, and the
        credentials URI requests the emulator served."""
        reqs = [r for r in self.emu.ctl("GET", "/requests?all=1")["requests"] if r["seq"] > self.since]
        api = [(r.get("ak"), None if r.get("code") == "200" else r.get("code"))
               for r in reqs if not r.get("control")]
        ctl = [r["path"] for r in reqs if r.get("control") and r["path"] == "/__emulator__/sts"]
        return api, ctl

    # ---- ~/.aliyun/config.json

    PROFILES = {"current": "main", "profiles": [
        {"name": "main", "mode": "AK", "access_key_id": "testid", "access_key_secret": "testsecret",
         "region_id": "cn-shanghai"},
        {"name": "temp", "mode": "StsToken", "access_key_id": "STS.prof",
         "access_key_secret": "stssecret", "sts_token": "CAIS-profile-token"},
        {"name": "role", "mode": "RamRoleArn", "access_key_id": "testid",
         "access_key_secret": "testsecret", "ram_role_arn": "acs:ram::1:role/x"}]}

    def test_profile_ak_current(self):
        self.config(self.PROFILES)
        rc, out, err = self.asc("DeleteImage", "--ImageId", self.image())
        self.assertEqual(rc, 0, err)
        self.assertIs(json.loads(out)["Data"], True)
        self.assertEqual(self.api_requests()[0], [("testid", None)])

    def test_profile_sts_by_env(self):
        self.config(self.PROFILES)
        rc, out, err = self.asc("DeleteImage", "--ImageId", self.image(), ALIBABA_CLOUD_PROFILE="temp")
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.api_requests()[0], [("STS.prof", None)])

    def test_profile_option(self):
        self.config(self.PROFILES)
        rc, out, err = self.asc("DeleteImage", "--ImageId", self.image(), "--profile", "temp",
                                ALIBABA_CLOUD_PROFILE="main")
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.api_requests()[0], [("STS.prof", None)])
        # --profile: only that profile, even with credentials in the environment
        rc, out, err = self.asc("DeleteImage", "--ImageId", self.image(), "--profile", "nobody",
                                ALIBABA_CLOUD_ACCESS_KEY_ID="testid",
                                ALIBABA_CLOUD_ACCESS_KEY_SECRET="testsecret")
        self.assertEqual(rc, 2, err)
        self.assertIn('no profile named "nobody"', err)
        self.assertIn("config.json", err)
        self.assertEqual(self.api_requests()[0], [("STS.prof", None)])  # nothing more sent

    def test_environment_comes_first(self):
        self.config(self.PROFILES)
        rc, out, err = self.asc("DeleteImage", "--ImageId", self.image(), ALIBABA_CLOUD_PROFILE="temp",
                                ALIBABA_CLOUD_ACCESS_KEY_ID="testid",
                                ALIBABA_CLOUD_ACCESS_KEY_SECRET="testsecret")
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.api_requests()[0], [("testid", None)])

    def test_every_source_fails_and_says_why(self):
        self.config(self.PROFILES)
        rc, out, err = self.asc("DeleteImage", "--ImageId", "img-x", ALIBABA_CLOUD_PROFILE="role",
                                ALIBABA_CLOUD_ACCESS_KEY_ID="testid")
        self.assertEqual(rc, 2, err)
        self.assertIn("environment: ALIBABA_CLOUD_ACCESS_KEY_ID is set but "
                      "ALIBABA_CLOUD_ACCESS_KEY_SECRET is not", err)
        self.assertIn('aliyun CLI profile: %s/.aliyun/config.json: profile "role" has mode '
                      '"RamRoleArn"' % self.home, err)
        self.assertIn("credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI is not set", err)
        self.assertEqual(self.api_requests(), ([], []))
        # no file at all
        shutil.rmtree(os.path.join(self.home, ".aliyun"))
        rc, out, err = self.asc("DeleteImage", "--ImageId", "img-x")
        self.assertEqual(rc, 2, err)
        self.assertIn("config.json: No such file", err)
        # the StsToken profile without its token
        self.config({"current": "t", "profiles": [{"name": "t", "mode": "StsToken",
                                                   "access_key_id": "STS.prof",
                                                   "access_key_secret": "stssecret"}]})
        rc, out, err = self.asc("DeleteImage", "--ImageId", "img-x")
        self.assertEqual(rc, 2, err)
        self.assertIn("or sts_token", err)
        # the CLI profile switched off
        self.config(self.PROFILES)
        rc, out, err = self.asc("DeleteImage", "--ImageId", "img-x",
                                ALIBABA_CLOUD_CLI_PROFILE_DISABLED="true")
        self.assertEqual(rc, 2, err)
        self.assertIn("disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED", err)

    def test_dry_run_uses_the_chain(self):
        self.config(self.PROFILES)
        rc, out, err = self.asc("DeleteImage", "--ImageId", "img-x", "--dry-run", "--profile", "temp")
        self.assertEqual(rc, 0, err)
        self.assertIn("x-acs-security-token: ", out)

    # ---- ALIBABA_CLOUD_CREDENTIALS_URI

    def test_uri_small_local_server(self):
        srv = UriServer({"Code": "Success", "AccessKeyId": "STS.uri", "AccessKeySecret": "usecret",
                         "SecurityToken": "CAIS-uri-token", "Expiration": "2099-01-01T00:00:00Z"})
        try:
            rc, out, err = self.asc("DeleteImage", "--ImageId", self.image(),
                                    ALIBABA_CLOUD_CREDENTIALS_URI="http://127.0.0.1:%d/creds" % srv.port)
            self.assertEqual(rc, 0, err)
            self.assertEqual(self.api_requests()[0], [("STS.uri", None)])
            self.assertEqual(srv.hits, 1)
        finally:
            srv.stop()

    def test_uri_answers_badly(self):
        srv = UriServer({"Code": "Success", "AccessKeyId": "STS.uri", "AccessKeySecret": "usecret"})
        try:
            rc, out, err = self.asc("DeleteImage", "--ImageId", "img-x",
                                    ALIBABA_CLOUD_CREDENTIALS_URI="http://127.0.0.1:%d/" % srv.port)
            self.assertEqual(rc, 2, err)
            self.assertIn("credentials URI: the answer lacks AccessKeyId, AccessKeySecret or "
                          "SecurityToken", err)
        finally:
            srv.stop()
        rc, out, err = self.asc("DeleteImage", "--ImageId", "img-x",
                                ALIBABA_CLOUD_CREDENTIALS_URI="https://localhost:%d/__emulator__/sts?fail=503"
                                % self.emu.port)
        self.assertEqual(rc, 2, err)
        self.assertIn("credentials URI: localhost:%d answered HTTP 503" % self.emu.port, err)
        rc, out, err = self.asc("DeleteImage", "--ImageId", "img-x",
                                ALIBABA_CLOUD_CREDENTIALS_URI="ftp://x/")
        self.assertEqual(rc, 2, err)
        self.assertIn("not an http:// or https:// URL", err)

    def test_uri_emulator_https(self):
        rc, out, err = self.asc("DeleteImage", "--ImageId", self.image(),
                                ALIBABA_CLOUD_CREDENTIALS_URI="https://localhost:%d/__emulator__/sts"
                                % self.emu.port)
        self.assertEqual(rc, 0, err)
        api, ctl = self.api_requests()
        self.assertEqual(len(api), 1)
        self.assertTrue(api[0][0].startswith("STS.NU"), api)
        self.assertEqual(ctl, ["/__emulator__/sts"])

    def test_token_expires_between_two_calls(self):
        # valid 1 s, announced without Expiration: the second call meets the
        # service's InvalidSecurityToken.Expired, asks the URI again and
        # re-signs once
        uri = "https://localhost:%d/__emulator__/sts?ttl=1&advertised_ttl=none" % self.emu.port
        rc, out, err = self.asc("ListImage", "--PageSize", "1", "--repeat", "2", "--interval-ms", "1500",
                                ALIBABA_CLOUD_CREDENTIALS_URI=uri)
        self.assertEqual(rc, 0, err)
        api, ctl = self.api_requests()
        self.assertEqual([c for _, c in api], [None, "InvalidSecurityToken.Expired", None], api)
        self.assertEqual(api[0][0], api[1][0])
        self.assertNotEqual(api[1][0], api[2][0])
        self.assertEqual(len(ctl), 2)

    def test_credentials_near_expiry_refreshed_before_the_call(self):
        # announced to expire in 100 s (inside the 180 s margin): every call
        # asks first, and no request is rejected
        uri = "https://localhost:%d/__emulator__/sts?ttl=3600&advertised_ttl=100" % self.emu.port
        rc, out, err = self.asc("ListImage", "--PageSize", "1", "--repeat", "3",
                                ALIBABA_CLOUD_CREDENTIALS_URI=uri)
        self.assertEqual(rc, 0, err)
        api, ctl = self.api_requests()
        self.assertEqual([c for _, c in api], [None, None, None], api)
        self.assertEqual(len({a for a, _ in api}), 3)
        self.assertEqual(len(ctl), 3)
        # far from expiry: asked once for all calls
        self.since = self.emu.ctl("GET", "/requests?all=1")["requests"][-1]["seq"]
        uri = "https://localhost:%d/__emulator__/sts" % self.emu.port
        rc, out, err = self.asc("ListImage", "--PageSize", "1", "--repeat", "3",
                                ALIBABA_CLOUD_CREDENTIALS_URI=uri)
        self.assertEqual(rc, 0, err)
        api, ctl = self.api_requests()
        self.assertEqual(len(api), 3)
        self.assertEqual(len({a for a, _ in api}), 1)
        self.assertEqual(len(ctl), 1)


if __name__ == "__main__":
    res = unittest.main(exit=False, verbosity=1).result
    failed = len(res.failures) + len(res.errors)
    print("%d passed, %d failed" % (res.testsRun - failed, failed))
    sys.exit(1 if failed else 0)
