#!/usr/bin/env python3
"""End-to-end through a real HTTP proxy: Debian's tinyproxy, started here
with a generated configuration on 127.0.0.1 and a port chosen at run time,
stopped by PID. build/asc goes through its CONNECT tunnel to the emulator
over TLS (the endpoint's name verified end to end); a proxy that demands
credentials (BasicAuth) with none, wrong and right ones; proxies that refuse
(a port not in ConnectPort: 403; a Deny rule: 403; an unreachable endpoint:
500, retried); HTTPS_PROXY / https_proxy / ALL_PROXY / all_proxy / --proxy
and NO_PROXY / no_proxy. Credentials never appear in any output.
Usage: test_proxy.py BUILD_DIR. Last line: "N passed, N failed"."""
import base64
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_cli  # noqa: E402  (Emulator, asc, ENV; takes BUILD_DIR off argv)

Emulator = test_cli.Emulator
PROXY_VARS = ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY",
              "http_proxy", "NO_PROXY", "no_proxy")
BASE_ENV = {k: v for k, v in test_cli.ENV.items() if k not in PROXY_VARS}
# tinyproxy's BasicAuth takes letters, digits, '-', '.', '_' only; the URL
# spells the '-' percent-encoded (decoded by the CLI before base64).
USER, PASSWORD = "tester", "s3cr-et.x_1"
PASSWORD_IN_URL = "s3cr%2Det.x_1"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def closed_port():
    """A port nothing listens on (bound, never listening, then released)."""
    return free_port()


class Tinyproxy:
    """tinyproxy in the foreground (-d) with the given extra lines."""

    def __init__(self, *lines):
        self.dir = tempfile.mkdtemp(prefix="asc-tinyproxy-")
        self.log = os.path.join(self.dir, "tinyproxy.log")
        for attempt in range(5):
            self.port = free_port()
            conf = os.path.join(self.dir, "tinyproxy.conf")
            with open(conf, "w") as f:
                f.write("Port %d\nListen 127.0.0.1\nTimeout 30\nLogLevel Info\n"
                        "LogFile \"%s\"\nMaxClients 20\n" % (self.port, self.log))
                f.write("\n".join(lines) + "\n")
                if not any(l.startswith(("Allow", "Deny")) for l in lines):
                    f.write("Allow 127.0.0.1\n")
            self.p = subprocess.Popen(["tinyproxy", "-d", "-c", conf],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if self._listening():
                return
            self.stop()
        raise RuntimeError("tinyproxy did not start")

    def _listening(self):
        for _ in range(100):
            if self.p.poll() is not None:
                return False
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return True
            except OSError:
                time.sleep(0.05)
        return False

    def url(self, creds=""):
        return "http://%s127.0.0.1:%d" % (creds, self.port)

    def connects(self):
        """The CONNECT requests tinyproxy logged."""
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return [l for l in f if "CONNECT" in l and "Request" in l]
        except OSError:
            return []

    def stop(self):
        if self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(10)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def asc(*args, env=None):
    return test_cli.asc(*args, env=dict(BASE_ENV, **(env or {})))


class ThroughProxy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if shutil.which("tinyproxy") is None:
            raise RuntimeError("tinyproxy is not installed (tests/e2e/run.sh installs it)")
        images = []
        for i in range(40):
            images += ["--image", "img-%d" % i]
        # The certificate names localhost only: the proxy is 127.0.0.1, so a
        # success proves TLS verified the endpoint's name, not the proxy's.
        cls.emu = Emulator("--cert-hostname", "localhost", *images)
        cls.ep = "localhost:%d" % cls.emu.port
        cls.proxy = Tinyproxy()
        cls.auth_proxy = Tinyproxy("BasicAuth %s %s" % (USER, PASSWORD))
        cls.next_image = 0

    @classmethod
    def tearDownClass(cls):
        cls.proxy.cleanup()
        cls.auth_proxy.cleanup()
        cls.emu.stop()

    def image(self):
        ThroughProxy.next_image += 1
        return "img-%d" % (ThroughProxy.next_image - 1)

    def delete(self, *extra, env=None):
        return asc("DeleteImage", "--ImageId", self.image(), "--endpoint", self.ep,
                   "--ca-file", self.emu.ca, *extra, env=env)

    def assertNoSecret(self, text):
        for s in (PASSWORD, PASSWORD_IN_URL, base64.b64encode(("%s:%s" % (USER, PASSWORD)).encode()).decode(),
                  base64.b64encode(b"tester:wrong").decode(), "wrong"):
            self.assertNotIn(s, text)

    # ---- the tunnel --------------------------------------------------------

    def test_https_proxy_variables(self):
        for var in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
            before = len(self.proxy.connects())
            rc, out, err = self.delete("--verbose", env={var: self.proxy.url()})
            self.assertEqual(rc, 0, var + ": " + err)
            self.assertIn('"Data": true', out)
            self.assertIn("proxy 127.0.0.1:%d from %s" % (self.proxy.port, var), err)
            self.assertEqual(len(self.proxy.connects()), before + 1, var)
            self.assertIn("CONNECT localhost:%d" % self.emu.port, self.proxy.connects()[-1])

    def test_proxy_option_and_order(self):
        dead = "http://127.0.0.1:%d" % closed_port()
        before = len(self.proxy.connects())
        # --proxy wins over the environment
        rc, out, err = self.delete("--proxy", self.proxy.url(), env={"HTTPS_PROXY": dead})
        self.assertEqual(rc, 0, err)
        # HTTPS_PROXY before ALL_PROXY; https_proxy before ALL_PROXY
        rc, out, err = self.delete(env={"HTTPS_PROXY": self.proxy.url(), "ALL_PROXY": dead})
        self.assertEqual(rc, 0, err)
        rc, out, err = self.delete(env={"https_proxy": self.proxy.url(), "all_proxy": dead})
        self.assertEqual(rc, 0, err)
        self.assertEqual(len(self.proxy.connects()), before + 3)
        # --proxy "" turns a proxy from the environment off (direct)
        rc, out, err = self.delete("--proxy", "", env={"HTTPS_PROXY": dead})
        self.assertEqual(rc, 0, err)
        self.assertEqual(len(self.proxy.connects()), before + 3)
        # a URL without a scheme, with a trailing slash
        rc, out, err = self.delete(env={"HTTPS_PROXY": "127.0.0.1:%d/" % self.proxy.port})
        self.assertEqual(rc, 0, err)

    def test_dead_proxy_is_a_transport_failure(self):
        rc, out, err = self.delete("--retries", "0", env={"HTTPS_PROXY": "http://127.0.0.1:%d" % closed_port()})
        self.assertEqual(rc, 3, err)
        self.assertIn("connect failed", err)
        self.assertIn("through the proxy 127.0.0.1:", err)

    def test_endpoint_name_verified_through_the_tunnel(self):
        other = Emulator("--cert-hostname", "other.example", "--image", "img-x")
        try:
            rc, out, err = asc("DeleteImage", "--ImageId", "img-x", "--endpoint",
                               "localhost:%d" % other.port, "--ca-file", other.ca,
                               env={"HTTPS_PROXY": self.proxy.url()})
            self.assertEqual(rc, 3, err)
            self.assertIn("does not match the host name", err)
            self.assertIn("through the proxy 127.0.0.1:%d" % self.proxy.port, err)
            self.assertIn("CONNECT localhost:%d" % other.port, self.proxy.connects()[-1])
        finally:
            other.stop()

    # ---- NO_PROXY ------------------------------------------------------------

    def test_no_proxy(self):
        dead = "http://127.0.0.1:%d" % closed_port()
        port = self.emu.port
        for no_proxy in ("localhost", "*", ".localhost", "example.com, localhost",
                         "LOCALHOST", "localhost:%d" % port, " other , localhost "):
            rc, out, err = self.delete("--verbose", env={"HTTPS_PROXY": dead, "NO_PROXY": no_proxy})
            self.assertEqual(rc, 0, "NO_PROXY=%r: %s" % (no_proxy, err))
            self.assertIn("no proxy for localhost: NO_PROXY matches it", err)
        rc, out, err = self.delete(env={"HTTPS_PROXY": dead, "no_proxy": "localhost"})
        self.assertEqual(rc, 0, err)
        # --proxy is subject to NO_PROXY too
        rc, out, err = self.delete("--proxy", dead, env={"NO_PROXY": "localhost"})
        self.assertEqual(rc, 0, err)
        # entries that do not match: the (dead) proxy is used
        for no_proxy in ("otherhost", "calhost", "localhost:1", "host.localhost", "127.0.0.1"):
            rc, out, err = self.delete("--retries", "0", env={"HTTPS_PROXY": dead, "NO_PROXY": no_proxy})
            self.assertEqual(rc, 3, "NO_PROXY=%r: %s" % (no_proxy, err))
        # a match through the live proxy's log: bypassed requests never reach it
        before = len(self.proxy.connects())
        rc, out, err = self.delete(env={"HTTPS_PROXY": self.proxy.url(), "NO_PROXY": "localhost"})
        self.assertEqual(rc, 0, err)
        self.assertEqual(len(self.proxy.connects()), before)

    # ---- credentials ------------------------------------------------------------

    def test_credentials(self):
        rc, out, err = self.delete("--retries", "0", env={"HTTPS_PROXY": self.auth_proxy.url()})
        self.assertEqual(rc, 3, err)
        self.assertIn("HTTP 407 from the proxy", err)
        self.assertIn("proxy authentication required", err)
        self.assertIn("wants credentials", err)
        rc, out, err = self.delete("--verbose", env={"HTTPS_PROXY": self.auth_proxy.url("tester:wrong@")})
        self.assertEqual(rc, 3, err)
        self.assertIn("HTTP 401 from the proxy", err)  # tinyproxy's answer to wrong ones
        self.assertIn("proxy authentication required", err)
        self.assertIn("refused its credentials", err)
        self.assertNoSecret(out + err)
        self.assertIn("* attempts: 1", err)  # a 407 is not retried
        rc, out, err = self.delete("--verbose", env={
            "HTTPS_PROXY": self.auth_proxy.url("%s:%s@" % (USER, PASSWORD_IN_URL))})
        self.assertEqual(rc, 0, err)
        self.assertIn("Basic credentials (never shown)", err)
        self.assertNoSecret(out + err)
        rc, out, err = self.delete("--verbose", "--proxy", self.auth_proxy.url("%s:%s@" % (USER, PASSWORD_IN_URL)))
        self.assertEqual(rc, 0, err)
        self.assertIn("from --proxy", err)
        self.assertNoSecret(out + err)

    def test_credentials_hidden_from_the_command_line(self):
        """--proxy with credentials is wiped from argv once read (ps shows
        the process's command line to other users)."""
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        url = "http://%s:%s@127.0.0.1:%d" % (USER, PASSWORD_IN_URL, server.getsockname()[1])
        p = subprocess.Popen([test_cli.ASC, "DeleteImage", "--ImageId", "img-z", "--endpoint",
                              self.ep, "--ca-file", self.emu.ca, "--proxy", url, "--retries", "0",
                              "--timeout-ms", "5000"], env=BASE_ENV,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            server.settimeout(10)
            conn, _ = server.accept()  # the CLI is waiting for the proxy's answer
            request = conn.recv(4096)
            with open("/proc/%d/cmdline" % p.pid, "rb") as f:
                cmdline = f.read()
            self.assertIn(b"Proxy-Authorization: Basic ", request)
            self.assertNotIn(PASSWORD_IN_URL.encode(), cmdline)
            self.assertNotIn(b"tester", cmdline)
            conn.sendall(b"HTTP/1.1 403 Forbidden\r\n\r\n")
            conn.close()
            out, err = p.communicate(timeout=30)
            self.assertEqual(p.returncode, 3, err)
            self.assertIn(b"HTTP 403 from the proxy", err)
            self.assertNoSecret((out + err).decode("utf-8", "replace"))
        finally:
            if p.poll() is None:
                p.kill()
                p.communicate()
            server.close()

    # ---- refusals ------------------------------------------------------------------

    def test_port_not_allowed(self):
        strict = Tinyproxy("ConnectPort 443")
        try:
            rc, out, err = self.delete("--verbose", env={"HTTPS_PROXY": strict.url()})
            self.assertEqual(rc, 3, err)
            self.assertIn("proxy refused the tunnel (HTTP 403 from the proxy)", err)
            self.assertIn("* attempts: 1", err)  # a 4xx is not retried
        finally:
            strict.cleanup()

    def test_denied(self):
        deny = Tinyproxy("Deny 127.0.0.1")
        try:
            rc, out, err = self.delete(env={"HTTPS_PROXY": deny.url()})
            self.assertEqual(rc, 3, err)
            self.assertIn("HTTP 403 from the proxy", err)
        finally:
            deny.cleanup()

    def test_unreachable_endpoint_is_retried(self):
        rc, out, err = asc("DeleteImage", "--ImageId", "img-u", "--endpoint",
                           "localhost:%d" % closed_port(), "--ca-file", self.emu.ca,
                           "--retries", "1", "--verbose", env={"HTTPS_PROXY": self.proxy.url()})
        self.assertEqual(rc, 3, err)
        self.assertIn("proxy refused the tunnel (HTTP 500 from the proxy)", err)
        self.assertIn("* attempts: 2", err)

    def test_bad_proxy_urls(self):
        for url, why in (("https://127.0.0.1:1", "https:// proxy"), ("socks5://127.0.0.1:1", "socks"),
                         ("http://127.0.0.1:0", "port"), ("http://127.0.0.1:99999", "port"),
                         ("http://:pass@127.0.0.1:1", "password without a user"),
                         ("http://u:p%zz@127.0.0.1:1", "percent-encode"),
                         ("http://u%3Ax:p@127.0.0.1:1", "cannot contain ':'"),
                         ("http://127.0.0.1:1/path", "no path")):
            rc, out, err = self.delete(env={"HTTPS_PROXY": url})
            self.assertEqual(rc, 2, url + ": " + err)
            self.assertIn("HTTPS_PROXY: ", err)
            self.assertIn(why, err)
            self.assertNotIn("pass", err.replace("password", ""))
            self.assertNotIn("p%zz", err)


class ProxyChoice(unittest.TestCase):
    """Which proxy applies, read from --dry-run --verbose (nothing is sent)."""

    def choice(self, endpoint, env, *extra):
        rc, out, err = asc("DeleteImage", "--ImageId", "img-1", "--endpoint", endpoint,
                           "--dry-run", "--verbose", *extra, env=env)
        self.assertEqual(rc, 0, err)
        for line in err.splitlines():
            if line.startswith("* proxy ") or line.startswith("* no proxy for "):
                return line
        return None

    def test_no_proxy_rules(self):
        P = "http://127.0.0.1:3128"
        bypass, use = "bypass", "use"
        cases = [
            ("api.example.com", "example.com", bypass),
            ("api.example.com", ".example.com", bypass),
            ("example.com", ".example.com", bypass),
            ("example.com", "example.com", bypass),
            ("a.b.example.com", "example.com", bypass),
            ("badexample.com", "example.com", use),
            ("example.com.evil", "example.com", use),
            ("Api.Example.COM", "EXAMPLE.com", bypass),
            ("api.example.com", "*", bypass),
            ("api.example.com", "example.com:443", bypass),
            ("api.example.com", "example.com:8443", use),
            ("api.example.com:8443", "example.com:8443", bypass),
            ("api.example.com", " , ,example.com, ", bypass),
            ("api.example.com", "other.com,another.org", use),
            ("10.0.0.1", "10.0.0.1", bypass),
            ("10.0.0.1", "10.0.0.2", use),
            ("api.example.com", "*.example.com", use),  # no wildcards but "*" alone
        ]
        for endpoint, no_proxy, want in cases:
            line = self.choice(endpoint, {"HTTPS_PROXY": P, "NO_PROXY": no_proxy})
            if want == bypass:
                self.assertIsNotNone(line, (endpoint, no_proxy))
                self.assertIn("NO_PROXY matches it", line, (endpoint, no_proxy))
            else:
                self.assertIsNotNone(line, (endpoint, no_proxy))
                self.assertTrue(line.startswith("* proxy 127.0.0.1:3128 from HTTPS_PROXY"),
                                (endpoint, no_proxy, line))
        # NO_PROXY is read before no_proxy; an empty NO_PROXY is unset
        line = self.choice("api.example.com", {"HTTPS_PROXY": P, "NO_PROXY": "other.com",
                                               "no_proxy": "example.com"})
        self.assertTrue(line.startswith("* proxy "), line)
        line = self.choice("api.example.com", {"HTTPS_PROXY": P, "NO_PROXY": "",
                                               "no_proxy": "example.com"})
        self.assertIn("no_proxy matches it", line)
        # no proxy at all: nothing said
        self.assertIsNone(self.choice("api.example.com", {"NO_PROXY": "*"}))

    def test_urls(self):
        for url, shown in (("http://proxy.corp:8080", "proxy.corp:8080"),
                           ("HTTP://proxy.corp", "proxy.corp:80"),
                           ("proxy.corp:3128", "proxy.corp:3128"),
                           ("http://[::1]:3128/", "::1:3128"),
                           ("http://al%40ice:p%40ss@proxy.corp:1", "proxy.corp:1")):
            line = self.choice("api.example.com", {"HTTPS_PROXY": url})
            self.assertTrue(line.startswith("* proxy %s from HTTPS_PROXY" % shown), (url, line))
            self.assertNotIn("ice", line)
            self.assertNotIn("p%40ss", line)
        line = self.choice("api.example.com", {"ALL_PROXY": "http://a:1", "HTTPS_PROXY": ""})
        self.assertTrue(line.startswith("* proxy a:1 from ALL_PROXY"), line)


class PlainThroughProxy(unittest.TestCase):
    def test_plain_http_through_the_tunnel(self):
        emu = Emulator("--http", "--image", "img-p")
        proxy = Tinyproxy()
        try:
            rc, out, err = asc("DeleteImage", "--ImageId", "img-p", "--endpoint",
                               "localhost:%d" % emu.port, "--insecure-plaintext-http",
                               env={"HTTPS_PROXY": proxy.url()})
            self.assertEqual(rc, 0, err)
            self.assertIn("CONNECT localhost:%d" % emu.port, proxy.connects()[-1])
        finally:
            proxy.cleanup()
            emu.stop()


if __name__ == "__main__":
    res = unittest.main(exit=False, verbosity=1).result
    failed = len(res.failures) + len(res.errors)
    print("%d passed, %d failed" % (max(res.testsRun - failed, 0), failed))
    sys.exit(1 if failed else 0)
