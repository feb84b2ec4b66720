#!/usr/bin/env python3
"""tests/interop/test_nginx_front_end.py BUILD_DIR - issues 13 and 22 behind
a real front end: build/asc against Debian's nginx as TLS front end of the
emulator (plain HTTP upstream), where nginx itself produces the answers a
client meets in the field:

  502  the upstream executed the DeleteImage and closed without answering
       (emulator fault `drop`): the retry's Image.NotExist is success, exit 0
  504  the upstream executed it but answered after proxy_read_timeout
       (emulator fault `delay`): exit 0 likewise
  413  client_max_body_size: named, not retried, exit 5, never "malformed JSON"
  429  limit_req_status 429 with a Retry-After header: retried no sooner
       than Retry-After (then success), or named after the last attempt
  301  `return 301`: never followed, its Location printed, exit 5

Certificates come from tests/tls/gen_certs.sh (made at test time). nginx
runs as one process (master_process off, daemon off) and the emulator as
another, both started here, on 127.0.0.1, ports chosen at run time, stopped
by PID. Last line: "N passed, N failed"."""
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import http.client

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
ASC = os.path.join(BUILD, "asc")
SERVER = os.path.join(ROOT, "tests", "emulator", "server.py")
GEN = os.path.join(ROOT, "tests", "tls", "gen_certs.sh")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ENV = dict(os.environ, ALIBABA_CLOUD_ACCESS_KEY_ID="testid",
           ALIBABA_CLOUD_ACCESS_KEY_SECRET="testsecret")
for k in ("ALIBABA_CLOUD_SECURITY_TOKEN", "SSL_CERT_FILE", "HTTPS_PROXY", "https_proxy",
          "ALL_PROXY", "all_proxy"):
    ENV.pop(k, None)
FRONT_END = r"HTTP %d from the front end \(Server: nginx[^)]*\), no service answer"


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # tiny race, loopback only
    return port


def wait_port(port, proc, secs=10.0):
    end = time.monotonic() + secs
    while time.monotonic() < end:
        if proc.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def stop(proc):
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Setup:
    """The emulator (plain HTTP) and one nginx with a TLS server per
    scenario in front of it."""

    def __init__(self, tmp):
        self.tmp = tmp
        subprocess.run(["sh", GEN, os.path.join(tmp, "pki")], check=True, capture_output=True)
        self.ca = os.path.join(tmp, "pki", "ca.pem")
        self.emu = subprocess.Popen([sys.executable, SERVER, "--http", "--port", "0",
                                     "--access-key", "testid:testsecret"],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.emu.stdout.readline()
        if not line:
            stop(self.emu)
            raise RuntimeError("emulator did not start")
        self.up = json.loads(line)["port"]
        self.ports = {name: free_port() for name in ("proxy", "small_body", "limited",
                                                       "limited_hard", "moved")}
        self.nginx = None
        self.start_nginx()

    def start_nginx(self):
        d = os.path.join(self.tmp, "nginx")
        os.makedirs(os.path.join(d, "logs"), exist_ok=True)
        pki = os.path.join(self.tmp, "pki")
        tls = ("ssl_certificate %s/srv.pem; ssl_certificate_key %s/srv.key; "
               "ssl_protocols TLSv1.2 TLSv1.3;" % (pki, pki))
        proxy = ("proxy_pass http://127.0.0.1:%d; proxy_set_header Host $http_host; "
                 "proxy_http_version 1.1; proxy_set_header Connection \"\";" % self.up)

        def server(name, body):
            return ("server { listen 127.0.0.1:%d ssl; server_name localhost; %s %s }\n"
                    % (self.ports[name], tls, body))
        conf = os.path.join(d, "nginx.conf")
        with open(conf, "w") as f:
            f.write("""
daemon off;
master_process off;
pid %(d)s/nginx.pid;
error_log %(d)s/logs/error.log info;
events { worker_connections 64; }
http {
    access_log %(d)s/logs/access.log;
    client_body_temp_path %(d)s/body;
    proxy_temp_path %(d)s/proxy;
    fastcgi_temp_path %(d)s/fastcgi;
    uwsgi_temp_path %(d)s/uwsgi;
    scgi_temp_path %(d)s/scgi;
    limit_req_zone $server_port zone=soft:1m rate=2r/s;
    limit_req_zone $server_port zone=hard:1m rate=1r/m;
    limit_req_status 429;
""" % {"d": d})
            f.write(server("proxy", "proxy_read_timeout 1s; location / { %s }" % proxy))
            f.write(server("small_body", "client_max_body_size 8; location / { %s }" % proxy))
            f.write(server("limited", "location / { limit_req zone=soft; "
                                      "add_header Retry-After 1 always; %s }" % proxy))
            f.write(server("limited_hard", "location / { limit_req zone=hard; "
                                           "add_header Retry-After 1 always; %s }" % proxy))
            f.write(server("moved", "location / { return 301 https://elsewhere.example/v2/; }"))
            f.write("}\n")
        self.log = open(os.path.join(d, "stderr.log"), "w")
        self.nginx = subprocess.Popen([NGINX, "-p", d, "-c", conf, "-e",
                                       os.path.join(d, "logs", "error.log")],
                                      stdout=self.log, stderr=self.log)
        for port in self.ports.values():
            if not wait_port(port, self.nginx):
                stop(self.nginx)
                raise RuntimeError("nginx did not start: " +
                                   open(os.path.join(d, "logs", "error.log")).read())

    def ctl(self, method, path, body=None):
        c = http.client.HTTPConnection("127.0.0.1", self.up, timeout=10)
        c.request(method, "/__emulator__" + path, body=None if body is None else json.dumps(body),
                  headers={"Content-Type": "application/json"})
        r = c.getresponse()
        data = json.loads(r.read() or b"{}")
        c.close()
        return r.status, data

    def stop(self):
        stop(self.nginx)
        stop(self.emu)
        if self.nginx is not None:
            self.log.close()
        self.emu.stdout.close()


S = None


def setUpModule():
    global S
    S = Setup(tempfile.mkdtemp(prefix="asc-nginx-fe-"))


def tearDownModule():
    if S is not None:
        S.stop()
        shutil.rmtree(S.tmp, ignore_errors=True)


class FrontEnd(unittest.TestCase):
    def setUp(self):
        S.ctl("POST", "/faults/clear")
        S.ctl("POST", "/requests/clear")
        self.iid = "img-ngx-%d" % int(time.monotonic() * 1e6)
        S.ctl("POST", "/images", {"id": self.iid})

    def delete(self, server, *extra):
        r = subprocess.run([ASC, "DeleteImage", "--ImageId", self.iid, "--endpoint",
                            "localhost:%d" % S.ports[server], "--ca-file", S.ca] + list(extra),
                           env=ENV, capture_output=True, timeout=120)
        return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")

    def exists(self):
        return S.ctl("GET", "/images/" + self.iid)[0] == 200

    def upstream_deletes(self):
        reqs = S.ctl("GET", "/requests")[1]["requests"]
        return [r for r in reqs if (r.get("params") or {}).get("ImageId") == self.iid]

    def assertNotMisreported(self, err):
        self.assertNotIn("malformed JSON", err)
        self.assertNotIn("unknown (HTTP", err)

    def test_502_after_the_upstream_deleted(self):
        S.ctl("POST", "/faults", {"spec": "drop,action=DeleteImage"})
        rc, out, err = self.delete("proxy")
        self.assertEqual(rc, 0, err)
        self.assertIn("earlier attempt", err)
        self.assertFalse(self.exists())
        self.assertEqual([r.get("code") for r in self.upstream_deletes()], ["200", "Image.NotExist"])  # executed, answer dropped

    def test_504_after_the_upstream_deleted(self):
        S.ctl("POST", "/faults", {"spec": "delay,seconds=2,action=DeleteImage"})
        rc, out, err = self.delete("proxy")
        self.assertEqual(rc, 0, err)
        self.assertIn("earlier attempt", err)
        self.assertFalse(self.exists())

    def test_504_named_when_every_attempt_times_out(self):
        S.ctl("POST", "/faults", {"spec": "delay,seconds=2,count=2,action=DeleteImage"})
        rc, out, err = self.delete("proxy", "--retries", "1")
        self.assertEqual(rc, 5, err)
        self.assertRegex(err, FRONT_END % 504)
        self.assertNotMisreported(err)
        self.assertIn("may have reached the service", err)

    def test_413(self):
        rc, out, err = self.delete("small_body")
        self.assertEqual(rc, 5, err)
        self.assertRegex(err, FRONT_END % 413)
        self.assertNotMisreported(err)
        self.assertEqual(self.upstream_deletes(), [])
        self.assertTrue(self.exists())

    def warm_up(self, server):
        """One request through the limited server uses its allowance."""
        ctx = ssl.create_default_context(cafile=S.ca)
        c = http.client.HTTPSConnection("localhost", S.ports[server], timeout=10, context=ctx)
        c.request("GET", "/__emulator__/health")
        c.getresponse().read()
        c.close()

    def test_429_retried_after_retry_after(self):
        self.warm_up("limited")
        t = time.monotonic()
        rc, out, err = self.delete("limited", "--verbose")
        self.assertEqual(rc, 0, err)
        self.assertIn("429", err)  # the first attempt met the limit (verbose trace)
        self.assertGreaterEqual(time.monotonic() - t, 0.95)
        self.assertFalse(self.exists())

    def test_429_named_after_the_last_attempt(self):
        self.warm_up("limited_hard")
        rc, out, err = self.delete("limited_hard", "--retries", "2")
        self.assertEqual(rc, 5, err)
        self.assertRegex(err, FRONT_END % 429)
        self.assertIn("Retry-After: 1 s", err)
        self.assertNotMisreported(err)
        self.assertTrue(self.exists())

    def test_301_not_followed(self):
        rc, out, err = self.delete("moved")
        self.assertEqual(rc, 5, err)
        self.assertRegex(err, FRONT_END % 301)
        self.assertIn("https://elsewhere.example/v2/", err)
        self.assertIn("not followed", err)
        self.assertNotMisreported(err)
        self.assertTrue(self.exists())


if __name__ == "__main__":
    res = unittest.main(exit=False, verbosity=2).result
    failed = len(res.failures) + len(res.errors)
    print("%d passed, %d failed" % (res.testsRun - failed, failed))
    sys.exit(1 if failed else 0)
