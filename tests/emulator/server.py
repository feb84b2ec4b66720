#!/usr/bin/env python3
"""Local emulator of Alibaba Cloud App Streaming (appstream-center, 2021-09-01).

Python 3 standard library only.  See tests/emulator/README.md for the CLI,
the first-line JSON, the control API (/__emulator__/...), fault specs and the
state file format.

Independent implementation: it shares no code with the C library.
"""
import argparse
import base64
import copy
import email.utils
import hashlib
import hmac
import ipaddress
import json
import os
import re
import secrets
import shutil
import signal
import socket
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from urllib.parse import quote, unquote_to_bytes

API_VERSION = "2021-09-01"
PRODUCT = "appstream-center"
CONTROL_PREFIX = "/__emulator__"
MAX_HEADER_BYTES = 16 * 1024
MAX_BODY_BYTES = 8 * 1024 * 1024
TIMESTAMP_WINDOW = 15 * 60
NONCE_TTL = 30 * 60
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
SECRET_PARAMS = {"Signature", "SecurityToken", "AccessKeySecret"}
SECRET_HEADERS = {"authorization", "x-acs-security-token"}
# OpenSSL's SSL_OP_ALLOW_NO_DHE_KEX (ssl.h: SSL_OP_BIT(10)), not exported by
# Python's ssl module: a TLS 1.3 server may then resume with psk_ke.
SSL_OP_ALLOW_NO_DHE_KEX = 0x400


# --------------------------------------------------------------------------
# encoding helpers (independent of the C library)
# --------------------------------------------------------------------------

def _b(s):
    return s.encode("utf-8", "surrogateescape") if isinstance(s, str) else s


def pct(s):
    """RFC 3986 percent-encoding: A-Z a-z 0-9 - _ . ~ stay, rest %XY."""
    return quote(_b(s), safe="-_.~")


def dec(raw, plus_is_space=True):
    if plus_is_space:
        raw = raw.replace(b"+", b" ")
    return unquote_to_bytes(raw).decode("utf-8", "surrogateescape")


def parse_pairs(raw):
    """Decode an x-www-form-urlencoded string / query (bytes) into pairs.
    Both '%20' and '+' decode to a space."""
    out = []
    if isinstance(raw, str):
        raw = _b(raw)
    for part in raw.split(b"&"):
        if not part:
            continue
        name, _, value = part.partition(b"=")
        out.append((dec(name), dec(value)))
    return out


def sort_key(name):
    # The SDKs sort JavaScript strings: UTF-16 code unit order.
    return name.encode("utf-16-be", "surrogatepass")


def v1_string_to_sign(method, pairs):
    items = sorted([(k, v) for k, v in pairs if k != "Signature"],
                   key=lambda kv: sort_key(kv[0]))
    canon = "&".join(pct(k) + "=" + pct(v) for k, v in items)
    return method.upper() + "&" + pct("/") + "&" + pct(canon), canon


def v1_signature(secret, string_to_sign):
    mac = hmac.new(_b(secret + "&"), _b(string_to_sign), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode()


def v3_canonical_query(pairs):
    items = sorted(pairs, key=lambda kv: sort_key(kv[0]))
    return "&".join(k + "=" + pct(v) for k, v in items)


def v3_canonical_request(method, path, query_pairs, headers, signed, body_hash):
    """headers: dict lowercase name -> value (already joined/trimmed)."""
    canon_headers = "".join("%s:%s\n" % (h, headers.get(h, "")) for h in signed)
    return "\n".join([method.upper(), path or "/", v3_canonical_query(query_pairs),
                      canon_headers, ";".join(signed), body_hash])


def v3_string_to_sign(canonical_request):
    return "ACS3-HMAC-SHA256\n" + hashlib.sha256(_b(canonical_request)).hexdigest()


def v3_signature(secret, string_to_sign):
    return hmac.new(_b(secret), _b(string_to_sign), hashlib.sha256).hexdigest()


def http_date(t):
    return email.utils.formatdate(t, usegmt=True)


def parse_ts(s):
    if not s or not TS_RE.match(s):
        return None
    try:
        import calendar
        return calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))
    except ValueError:
        return None


# --------------------------------------------------------------------------
# state
# --------------------------------------------------------------------------

IMAGE_DEFAULTS = {
    "name": None,
    "status": "Available",
    "type": "custom",          # custom | system
    "owner": "self",           # account id; "self" = the caller's account
    "shared": False,           # shared WITH the caller by another account
    "has_shared_images": False,  # the caller shared it out to others
    "community_parent": False,
    "in_use_by": [],           # product lines with instances using it
    "shared_cloud_computers": 0,
    "template": None,          # {"id": "...", "state": ok|query_failed|delete_failed|missing}
    "regions": ["cn-shanghai"],
    "internal_error": False,
    "service_unavailable": False,
    "data_false": False,       # DeleteImage answers Data:false and keeps the image
}
ALIASES = {"ImageId": "id", "ImageName": "name", "Status": "status",
           "ImageType": "type", "Owner": "owner", "Regions": "regions"}
DELETE_ERRORS = {
    "InternalError": (400, "Internal error."),
    "Image.NotExist": (400, "The image does not exist."),
    "ImageDeleteFailed.NotAllow": (400, "The image is not allowed to be deleted."),
    "ImageDeleteFailed.NotAllowCommunityParent":
        (400, "The parent image of a community image is not allowed to be deleted."),
    "ImageDeleteFailed.NotAllowSharedImage": (400, "The shared image is not allowed to be deleted."),
    "ImageNotAllowDelete":
        (400, "The image cannot be deleted, because shared cloud computers already exist."),
    "InvalidImageOperation.ImageIsCreating": (400, "Failed to operation the image, it is creating."),
    "DeleteTemplate.Failed": (400, "Delete template failed."),
    "QueryTemplate.Failed": (400, "Query template failed."),
    "InvalidTemplate.NotFound": (400, "Template not found."),
    "ImageDeleteFailed.HasSharedImage": (400, "The shared image is not allowed to be deleted."),
    "ServiceUnavailable": (500, "Service unavailable. Please try again later."),
}


def normalize_image(obj, base=None):
    img = copy.deepcopy(base) if base else copy.deepcopy(IMAGE_DEFAULTS)
    for k, v in obj.items():
        k = ALIASES.get(k, k)
        img[k] = v
    if not isinstance(img.get("id"), str) or img["id"] == "":
        raise ValueError("image needs a non-empty string 'id'")
    if img.get("name") is None:
        img["name"] = img["id"]
    if isinstance(img.get("regions"), str):
        img["regions"] = [img["regions"]]
    if isinstance(img.get("in_use_by"), str):
        img["in_use_by"] = [img["in_use_by"]] if img["in_use_by"] else []
    if isinstance(img.get("template"), str):
        img["template"] = {"id": img["template"], "state": "ok"}
    return img


def parse_expiration(v):
    """None, epoch seconds or YYYY-MM-DDThh:mm:ssZ -> epoch seconds or None."""
    if v is None:
        return None
    if isinstance(v, str):
        t = parse_ts(v)
        if t is None:
            raise ValueError("expiration must be epoch seconds or YYYY-MM-DDThh:mm:ssZ")
        return float(t)
    return float(v)


def utc_text(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def normalize_cred(obj):
    c = {"id": obj["id"], "secret": obj["secret"], "token": obj.get("token"),
         "active": obj.get("active", True), "account": obj.get("account", "self"),
         "forbidden": obj.get("forbidden", False),
         "expiration": parse_expiration(obj.get("expiration"))}
    if not isinstance(c["id"], str) or not isinstance(c["secret"], str):
        raise ValueError("credential needs string id and secret")
    return c


FAULT_TYPES = {"unavailable", "internal", "throttle", "error", "delay", "trickle",
               "chunked", "close", "drop", "oversized", "malformed", "bad_length",
               "http10", "date_skew", "no_date", "front_end", "data"}
ERROR_FAULTS = {"unavailable", "internal", "throttle", "error"}


def parse_fault(spec):
    """'TYPE[,key=value...]' or a JSON object -> fault dict."""
    if isinstance(spec, str):
        spec = spec.strip()
        if spec.startswith("{"):
            return parse_fault(json.loads(spec))
        parts = [p for p in spec.split(",") if p.strip()]
        if not parts:
            raise ValueError("empty fault spec")
        d = {"type": parts[0].strip()}
        for p in parts[1:]:
            k, eq, v = p.partition("=")
            if not eq:
                raise ValueError("fault option %r is not key=value" % p)
            v = v.strip()
            try:
                v = int(v)
            except ValueError:
                try:
                    v = float(v)
                except ValueError:
                    pass
            d[k.strip()] = v
        spec = d
    if not isinstance(spec, dict):
        raise ValueError("fault must be a string spec or an object")
    f = dict(spec)
    if "spec" in f and "type" not in f:
        g = parse_fault(f.pop("spec"))
        g.update(f)
        f = g
    if f.get("type") not in FAULT_TYPES:
        raise ValueError("unknown fault type %r (known: %s)" % (f.get("type"), ", ".join(sorted(FAULT_TYPES))))
    f["count"] = int(f.get("count", 1))
    f["skip"] = int(f.get("skip", 0))
    return f


class State:
    def __init__(self, args):
        self.lock = threading.RLock()
        self.args = args
        self.initial = {"images": [], "credentials": [], "faults": [],
                        "clock_offset": float(args.clock_offset or 0)}
        self.log_lock = threading.Lock()
        self.log_fp = open(args.log, "a", buffering=1) if args.log else sys.stderr
        self.seq = 0
        creds = []
        for s in args.access_key or []:
            i, _, sec = s.partition(":")
            creds.append({"id": i, "secret": sec})
        for s in args.sts or []:
            parts = s.split(":", 2)
            if len(parts) != 3:
                raise SystemExit("--sts wants ID:SECRET:TOKEN")
            creds.append({"id": parts[0], "secret": parts[1], "token": parts[2]})
        images = [{"id": i} for i in (args.image or [])]
        faults = [parse_fault(s) for s in (args.fault or [])]
        if args.state:
            with open(args.state) as fp:
                st = json.load(fp)
            if isinstance(st, list):
                st = {"images": st}
            images += st.get("images", [])
            creds += st.get("credentials", [])
            faults += [parse_fault(x) for x in st.get("faults", [])]
            if "clock_offset" in st and not args.clock_offset:
                self.initial["clock_offset"] = float(st["clock_offset"])
        if not creds:
            creds = [{"id": "testid", "secret": "testsecret"}]
        self.initial["images"] = [normalize_image(i) for i in images]
        self.initial["credentials"] = [normalize_cred(c) for c in creds]
        self.initial["faults"] = faults
        self.reset()

    def reset(self):
        with self.lock:
            self.images = {}
            for img in copy.deepcopy(self.initial["images"]):
                self.images[img["id"]] = img
            self.creds = {}
            for c in copy.deepcopy(self.initial["credentials"]):
                self.creds[c["id"]] = c
            self.faults = copy.deepcopy(self.initial["faults"])
            self.clock_offset = self.initial["clock_offset"]
            self.nonces = {}
            self.requests = []
            self.deleted = []
            self.minted = 0

    def now(self):
        return time.time() + self.clock_offset

    # ---- nonces
    def use_nonce(self, akid, nonce):
        with self.lock:
            t = time.time()
            if len(self.nonces) > 10000:
                self.nonces = {k: v for k, v in self.nonces.items() if t - v < NONCE_TTL}
            key = (akid, nonce)
            if key in self.nonces and t - self.nonces[key] < NONCE_TTL:
                return False
            self.nonces[key] = t
            return True

    # ---- faults
    def take_fault(self, action):
        with self.lock:
            for f in list(self.faults):
                if f.get("action") and f["action"] != action:
                    continue
                if f["skip"] > 0:
                    f["skip"] -= 1
                    continue
                if f["count"] > 0:
                    f["count"] -= 1
                    if f["count"] == 0:
                        self.faults.remove(f)
                return dict(f)
        return None

    # ---- log
    def log(self, entry):
        with self.log_lock:
            self.seq += 1
            entry = dict(entry, seq=self.seq)
            try:
                self.log_fp.write(json.dumps(entry, ensure_ascii=False) + "\n")
                self.log_fp.flush()
            except (OSError, ValueError):
                pass
            with self.lock:
                self.requests.append(entry)
                if len(self.requests) > 2000:
                    del self.requests[:1000]

    def mint_sts(self, ttl, advertised):
        """New STS credentials valid ttl seconds (server clock); the answer's
        Expiration says `advertised` seconds (None: no Expiration field)."""
        now = self.now()
        cred = {"id": "STS.NU" + secrets.token_hex(8), "secret": secrets.token_urlsafe(24),
                "token": "CAIS" + secrets.token_urlsafe(96), "active": True, "account": "self",
                "forbidden": False, "expiration": now + ttl}
        with self.lock:
            self.creds[cred["id"]] = cred
            self.minted += 1
        body = {"Code": "Success", "AccessKeyId": cred["id"], "AccessKeySecret": cred["secret"],
                "SecurityToken": cred["token"], "LastUpdated": utc_text(now)}
        if advertised is not None:
            body["Expiration"] = utc_text(now + advertised)
        return body

    def public(self):
        with self.lock:
            return {
                "images": list(copy.deepcopy(self.images).values()),
                "deleted": copy.deepcopy(self.deleted),
                "credentials": [{"id": c["id"], "sts": bool(c["token"]), "active": c["active"],
                                 "account": c["account"], "forbidden": c["forbidden"],
                                 "expiration": c["expiration"]}
                                for c in self.creds.values()],
                "faults": copy.deepcopy(self.faults),
                "clock_offset": self.clock_offset,
                "api_version": API_VERSION,
            }


# --------------------------------------------------------------------------
# responses
# --------------------------------------------------------------------------

class Resp:
    def __init__(self, status, body, code=None, headers=None, close=False):
        self.status = status
        self.body = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        self.code = code
        self.headers = headers or []
        self.close = close


class ApiError(Exception):
    def __init__(self, status, code, message, headers=None, extra=None):
        Exception.__init__(self, code)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or []
        self.extra = extra or {}


REASONS = {100: "Continue", 200: "OK", 301: "Moved Permanently", 302: "Moved Temporarily",
           400: "Bad Request", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 408: "Request Timeout", 411: "Length Required",
           413: "Payload Too Large", 429: "Too Many Requests", 431: "Request Header Fields Too Large",
           500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
           503: "Service Unavailable", 504: "Gateway Time-out"}

# nginx's own error page (ngx_http_special_response.c), as its front ends send it
NGINX_PAGE = ("<html>\r\n<head><title>%(s)d %(r)s</title></head>\r\n<body>\r\n"
              "<center><h1>%(s)d %(r)s</h1></center>\r\n<hr><center>nginx</center>\r\n"
              "</body>\r\n</html>\r\n")


def front_end_resp(f):
    """The answer of a front end (nginx-like) instead of the service's."""
    status = int(f.get("status", 502))
    body = b"" if f.get("body") == "empty" else (
        NGINX_PAGE % {"s": status, "r": REASONS.get(status, "Error")}).encode()
    headers = [("Server", str(f.get("server", "nginx")))]
    if "retry_after" in f:
        headers.append(("Retry-After", str(f["retry_after"])))
    if "location" in f or 300 <= status < 400:
        headers.append(("Location", str(f.get("location", "https://example.com/"))))
    return Resp(status, body, headers=headers)


def data_resp(f, req_id):
    """A successful request whose Data is not true (the image is kept)."""
    body = {"Success": True, "Code": "200", "Message": "successful", "RequestId": req_id}
    v = str(f.get("value", "false"))
    if v != "absent":
        body["Data"] = {"false": False, "null": None, "string": "true", "true": True}.get(v, v)
    return Resp(200, body, code="200")


def error_body(req_id, host_id, code, message, extra=None):
    body = {"RequestId": req_id, "HostId": host_id, "Code": code, "Message": message,
            "Recommend": "https://api.aliyun.com/troubleshoot?q=%s&product=%s&requestId=%s"
                         % (quote(code), PRODUCT, req_id)}
    if extra:
        body.update(extra)
    return body


# --------------------------------------------------------------------------
# request parsing
# --------------------------------------------------------------------------

class Timeout(Exception):
    pass


class PeerClosed(Exception):
    pass


class BadRequest(Exception):
    def __init__(self, status, msg):
        Exception.__init__(self, msg)
        self.status = status


class Conn:
    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def _recv(self, deadline):
        rem = deadline - time.monotonic()
        if rem <= 0:
            raise Timeout()
        self.sock.settimeout(rem)
        try:
            d = self.sock.recv(65536)
        except (socket.timeout, TimeoutError):
            raise Timeout()
        except ssl.SSLError:
            raise PeerClosed()
        except OSError:
            raise PeerClosed()
        if not d:
            raise PeerClosed()
        self.buf += d

    def read_head(self, idle_deadline, read_timeout):
        # wait for the first byte (keep-alive idle), then the whole head within read_timeout
        while not self.buf:
            self._recv(idle_deadline)
        deadline = time.monotonic() + read_timeout
        while True:
            i = self.buf.find(b"\r\n\r\n")
            j = self.buf.find(b"\n\n")
            ends = [(x, n) for x, n in ((i, 4), (j, 2)) if x >= 0]
            if ends:
                x, n = min(ends)
                if x + n > MAX_HEADER_BYTES:
                    raise BadRequest(431, "request head larger than %d bytes" % MAX_HEADER_BYTES)
                head, self.buf = self.buf[:x], self.buf[x + n:]
                return head
            if len(self.buf) > MAX_HEADER_BYTES:
                raise BadRequest(431, "request head larger than %d bytes" % MAX_HEADER_BYTES)
            self._recv(deadline)

    def read_exact(self, n, deadline):
        while len(self.buf) < n:
            self._recv(deadline)
        d, self.buf = self.buf[:n], self.buf[n:]
        return d

    def read_line(self, deadline, limit=4096):
        while True:
            i = self.buf.find(b"\n")
            if i >= 0:
                line, self.buf = self.buf[:i + 1], self.buf[i + 1:]
                return line.rstrip(b"\r\n")
            if len(self.buf) > limit:
                raise BadRequest(400, "chunk line too long")
            self._recv(deadline)

    def send(self, data):
        self.sock.settimeout(30)
        self.sock.sendall(data)


class Request:
    pass


def parse_head(head):
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    try:
        rl = lines[0].decode("ascii")
    except UnicodeDecodeError:
        raise BadRequest(400, "request line is not ASCII")
    parts = rl.split(" ")
    if len(parts) != 3 or not re.match(r"^HTTP/1\.[01]$", parts[2]) or not re.match(r"^[A-Z]{1,16}$", parts[0]):
        raise BadRequest(400, "malformed request line")
    r = Request()
    r.method, r.target, r.version = parts
    r.header_list = []
    r.headers = {}
    for ln in lines[1:]:
        if not ln:
            continue
        if ln[:1] in (b" ", b"\t"):
            raise BadRequest(400, "obsolete header folding")
        name, colon, value = ln.partition(b":")
        if not colon or not name or not re.match(rb"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", name):
            raise BadRequest(400, "malformed header line")
        n = name.decode("ascii").lower()
        v = value.strip(b" \t").decode("utf-8", "surrogateescape")
        r.header_list.append((n, v))
        if n in r.headers:
            r.headers[n] += "," + v
        else:
            r.headers[n] = v
    path, _, query = r.target.partition("?")
    r.path = path
    r.query = query
    return r


def read_body(conn, r, read_timeout):
    deadline = time.monotonic() + read_timeout
    te = r.headers.get("transfer-encoding")
    if te is not None:
        if te.strip().lower() != "chunked":
            raise BadRequest(501, "unsupported transfer-encoding %r" % te)
        out = []
        total = 0
        while True:
            line = conn.read_line(deadline)
            size_s = line.split(b";", 1)[0].strip()
            try:
                size = int(size_s, 16)
            except ValueError:
                raise BadRequest(400, "bad chunk size")
            if size < 0:
                raise BadRequest(400, "bad chunk size")
            total += size
            if total > MAX_BODY_BYTES:
                raise BadRequest(413, "body too large")
            if size == 0:
                while conn.read_line(deadline):   # trailers
                    pass
                break
            out.append(conn.read_exact(size, deadline))
            if conn.read_exact(2, deadline) not in (b"\r\n",):
                raise BadRequest(400, "chunk not followed by CRLF")
        return b"".join(out)
    cl = r.headers.get("content-length")
    if cl is None:
        return b""
    if not re.match(r"^\d{1,12}$", cl.strip()):
        raise BadRequest(400, "bad Content-Length")
    n = int(cl)
    if n > MAX_BODY_BYTES:
        raise BadRequest(413, "body too large")
    return conn.read_exact(n, deadline)


# --------------------------------------------------------------------------
# the API
# --------------------------------------------------------------------------

class Api:
    def __init__(self, state):
        self.st = state

    def handle(self, r, req_id, host_id, info):
        query_pairs = parse_pairs(r.query)
        ctype = r.headers.get("content-type", "").split(";")[0].strip().lower()
        body_pairs = []
        if r.body and (ctype == "application/x-www-form-urlencoded" or ctype == ""):
            body_pairs = parse_pairs(r.body)
        params = {}
        for k, v in query_pairs + body_pairs:
            params[k] = v
        auth = r.headers.get("authorization")
        if auth is not None and auth.split(" ", 1)[0].upper().startswith("ACS3"):
            cred, action, version = self.verify_v3(r, query_pairs, info)
        elif "Signature" in params or "AccessKeyId" in params or "SignatureMethod" in params:
            cred, action, version = self.verify_v1(r, query_pairs + body_pairs, params, info)
        elif auth is not None:
            raise ApiError(400, "IncompleteSignature",
                           "The request signature does not conform to Aliyun standards. "
                           "Unsupported Authorization scheme.")
        else:
            raise ApiError(400, "IncompleteSignature",
                           "The request signature does not conform to Aliyun standards. "
                           "No signature: send an ACS3-HMAC-SHA256 Authorization header or V1 Signature parameters.")
        info["action"], info["api_version"] = action, version
        if version != API_VERSION or action not in ("DeleteImage", "ListImage"):
            raise ApiError(404, "InvalidApi.NotFound",
                           "Specified api is not found, please check your url and method.")
        if r.path != "/":
            raise ApiError(404, "InvalidApi.NotFound", "Specified api is not found (path must be /).")
        if cred["forbidden"] is True or (isinstance(cred["forbidden"], list) and action in cred["forbidden"]):
            raise ApiError(403, "Forbidden.RAM",
                           "User not authorized to operate on the specified resource, or this API "
                           "doesn't support RAM.",
                           extra={"AccessDeniedDetail": {"AuthAction": "%s:%s" % (PRODUCT, action),
                                                         "PolicyType": "AccountLevelIdentityBasedPolicy",
                                                         "NoPermissionType": "ImplicitDeny"}})
        if action == "DeleteImage":
            return self.delete_image(params, cred, req_id, info)
        return self.list_image(params, cred, req_id)

    # ---- common gateway checks
    def check_time(self, ts_str):
        t = parse_ts(ts_str)
        if t is None:
            raise ApiError(400, "InvalidTimeStamp.Format",
                           "Specified time stamp or date value is not well formatted "
                           "(expected YYYY-MM-DDThh:mm:ssZ in UTC), got %r." % ts_str)
        now = self.st.now()
        if abs(now - t) > TIMESTAMP_WINDOW:
            raise ApiError(400, "InvalidTimeStamp.Expired",
                           "Specified time stamp or date value is expired. Request time %s, server time %s."
                           % (ts_str, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))))

    def lookup(self, akid, token):
        with self.st.lock:
            cred = copy.deepcopy(self.st.creds.get(akid))
        if cred is None:
            raise ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
        if not cred["active"]:
            raise ApiError(400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled.")
        if cred["token"]:
            if not token:
                raise ApiError(400, "MissingSecurityToken",
                               "SecurityToken is mandatory for this temporary AccessKeyId.")
            if not hmac.compare_digest(_b(token), _b(cred["token"])):
                raise ApiError(400, "InvalidSecurityToken.MismatchWithAccessKey",
                               "The security token does not match the access key id.")
            if cred["expiration"] is not None and self.st.now() >= cred["expiration"]:
                raise ApiError(400, "InvalidSecurityToken.Expired",
                               "Specified SecurityToken is expired (Expiration %s)."
                               % utc_text(cred["expiration"]))
        elif token:
            raise ApiError(400, "InvalidSecurityToken.MismatchWithAccessKey",
                           "A security token was sent with a permanent AccessKeyId.")
        return cred

    def check_nonce(self, akid, nonce):
        if not self.st.use_nonce(akid, nonce):
            raise ApiError(400, "SignatureNonceUsed",
                           "Specified signature nonce was used already.")

    # ---- V3
    def verify_v3(self, r, query_pairs, info):
        info["sig"] = "v3"
        auth = r.headers["authorization"]
        m = re.match(r"^ACS3-HMAC-SHA256\s+(.*)$", auth)
        if not m:
            raise ApiError(400, "IncompleteSignature",
                           "The request signature does not conform to Aliyun standards. "
                           "Unsupported algorithm in Authorization (want ACS3-HMAC-SHA256).")
        fields = {}
        for part in m.group(1).split(","):
            k, eq, v = part.strip().partition("=")
            if eq:
                fields[k.strip()] = v.strip()
        akid, sh, sig = fields.get("Credential"), fields.get("SignedHeaders"), fields.get("Signature")
        if not akid or sh is None or not sig:
            raise ApiError(400, "IncompleteSignature",
                           "The request signature does not conform to Aliyun standards. "
                           "Authorization must carry Credential, SignedHeaders and Signature.")
        info["ak"] = akid
        signed = sh.split(";") if sh else []
        if signed != sorted(signed) or any(h != h.lower() or not h for h in signed):
            raise ApiError(400, "IncompleteSignature",
                           "The request signature does not conform to Aliyun standards. "
                           "SignedHeaders must be lowercase and sorted: %r." % sh)
        required = ["host"] + [h for h in r.headers if h.startswith("x-acs-")]
        if "content-type" in r.headers:
            required.append("content-type")
        for h in required:
            if h not in signed:
                raise ApiError(400, "IncompleteSignature",
                               "The request signature does not conform to Aliyun standards. "
                               "Header %r is present but not in SignedHeaders." % h)
        for h in signed:
            if h not in r.headers:
                raise ApiError(400, "IncompleteSignature",
                               "The request signature does not conform to Aliyun standards. "
                               "Signed header %r is not present." % h)
        action = r.headers.get("x-acs-action")
        version = r.headers.get("x-acs-version")
        if not action:
            raise ApiError(400, "MissingAction", "x-acs-action is mandatory for this action.")
        if not version:
            raise ApiError(400, "MissingVersion", "x-acs-version is mandatory for this action.")
        date = r.headers.get("x-acs-date")
        if date is None:
            raise ApiError(400, "MissingTimestamp", "x-acs-date is mandatory for this action.")
        nonce = r.headers.get("x-acs-signature-nonce")
        if not nonce:
            raise ApiError(400, "MissingSignatureNonce", "x-acs-signature-nonce is mandatory for this action.")
        self.check_time(date)
        hdr_ak = r.headers.get("x-acs-accesskey-id")
        if hdr_ak is not None and hdr_ak != akid:
            raise ApiError(400, "IncompleteSignature",
                           "The request signature does not conform to Aliyun standards. "
                           "x-acs-accesskey-id differs from the Credential.")
        cred = self.lookup(akid, r.headers.get("x-acs-security-token"))
        body_hash = hashlib.sha256(r.body).hexdigest()
        claimed = r.headers.get("x-acs-content-sha256")
        canon = v3_canonical_request(r.method, r.path, query_pairs, r.headers, signed, body_hash)
        sts = v3_string_to_sign(canon)
        expect = v3_signature(cred["secret"], sts)
        if claimed is not None and claimed.lower() != body_hash:
            raise ApiError(400, "SignatureDoesNotMatch",
                           "Specified signature does not match our calculation: x-acs-content-sha256 %s "
                           "is not the SHA-256 of the received body (%s). server string to sign is:%s"
                           % (claimed, body_hash, sts))
        if not hmac.compare_digest(expect, sig.lower()):
            raise ApiError(400, "SignatureDoesNotMatch",
                           "Specified signature does not match our calculation. server string to sign is:%s"
                           " canonical request is:%s" % (sts, canon))
        self.check_nonce(akid, nonce)
        return cred, action, version

    # ---- V1
    def verify_v1(self, r, pairs, params, info):
        info["sig"] = "v1"
        for p in ("AccessKeyId", "SignatureMethod", "SignatureVersion", "Timestamp", "SignatureNonce"):
            if p not in params:
                raise ApiError(400, "Missing" + p, "%s is mandatory for this action." % p)
        info["ak"] = params["AccessKeyId"]
        if params["SignatureMethod"] != "HMAC-SHA1":
            raise ApiError(400, "InvalidSignatureMethod",
                           "Specified signature method %r is not supported." % params["SignatureMethod"])
        if params["SignatureVersion"] != "1.0":
            raise ApiError(400, "InvalidSignatureVersion",
                           "Specified signature version %r is not supported." % params["SignatureVersion"])
        sig = params.get("Signature")
        if not sig:
            raise ApiError(400, "IncompleteSignature",
                           "The request signature does not conform to Aliyun standards. Signature is missing.")
        if not params["SignatureNonce"]:
            raise ApiError(400, "MissingSignatureNonce", "SignatureNonce is mandatory for this action.")
        action, version = params.get("Action"), params.get("Version")
        if not action:
            raise ApiError(400, "MissingAction", "Action is mandatory for this action.")
        if not version:
            raise ApiError(400, "MissingVersion", "Version is mandatory for this action.")
        self.check_time(params["Timestamp"])
        cred = self.lookup(params["AccessKeyId"], params.get("SecurityToken"))
        sts, _ = v1_string_to_sign(r.method, pairs)
        expect = v1_signature(cred["secret"], sts)
        if not hmac.compare_digest(_b(expect), _b(sig)):
            raise ApiError(400, "SignatureDoesNotMatch",
                           "Specified signature does not match our calculation. server string to sign is:%s" % sts)
        self.check_nonce(params["AccessKeyId"], params["SignatureNonce"])
        return cred, action, version

    # ---- operations
    def delete_image(self, params, cred, req_id, info):
        image_id = params.get("ImageId")
        info["image_id"] = image_id
        if not image_id:
            raise ApiError(400, "MissingImageId", "ImageId is mandatory for this action.")
        with self.st.lock:
            img = self.st.images.get(image_id)

            def fail(code, detail=None):
                status, msg = DELETE_ERRORS[code]
                raise ApiError(status, code, msg + ((" " + detail) if detail else ""))
            if img is None:
                fail("Image.NotExist")
            if img.get("service_unavailable"):
                fail("ServiceUnavailable")
            if img.get("internal_error"):
                fail("InternalError")
            if img.get("data_false"):
                # a deletion that failed, answered as a successful request
                return Resp(200, {"Data": False, "Success": True, "Code": "200",
                                  "Message": "successful", "RequestId": req_id}, code="200")
            if img.get("status") == "Creating":
                fail("InvalidImageOperation.ImageIsCreating")
            if img.get("shared"):
                fail("ImageDeleteFailed.NotAllowSharedImage")
            owner = img.get("owner", "self")
            if img.get("type", "custom") != "custom":
                fail("ImageDeleteFailed.NotAllow", "Only custom images can be deleted.")
            if owner != cred["account"]:
                fail("ImageDeleteFailed.NotAllow", "The image belongs to another account.")
            if img.get("community_parent"):
                fail("ImageDeleteFailed.NotAllowCommunityParent")
            if img.get("has_shared_images"):
                fail("ImageDeleteFailed.HasSharedImage")
            if img.get("in_use_by"):
                fail("ImageDeleteFailed.NotAllow",
                     "Instances of %s use it." % ", ".join(map(str, img["in_use_by"])))
            if int(img.get("shared_cloud_computers") or 0) > 0:
                fail("ImageNotAllowDelete")
            tpl = img.get("template")
            if tpl:
                ts = tpl.get("state", "ok")
                if ts == "query_failed":
                    fail("QueryTemplate.Failed")
                if ts == "missing":
                    fail("InvalidTemplate.NotFound")
                if ts == "delete_failed":
                    fail("DeleteTemplate.Failed")
            del self.st.images[image_id]
            rec = {"id": image_id, "regions": list(img.get("regions") or []),
                   "template_deleted": (tpl or {}).get("id"), "request_id": req_id,
                   "time": time.time()}
            self.st.deleted.append(rec)
        return Resp(200, {"Data": True, "Success": True, "Code": "200",
                          "Message": "successful", "RequestId": req_id}, code="200")

    def list_image(self, params, cred, req_id):
        def intp(name, default, lo, hi):
            v = params.get(name)
            if v is None or v == "":
                return default
            if not re.match(r"^\d+$", v) or not lo <= int(v) <= hi:
                raise ApiError(400, "Invalid" + name, "The specified %s is invalid." % name)
            return int(v)
        size = intp("PageSize", 10, 1, 100)
        page = intp("PageNumber", 1, 1, 10 ** 6)
        token = params.get("NextToken")
        with self.st.lock:
            imgs = list(self.st.images.values())
        if params.get("ImageId"):
            imgs = [i for i in imgs if i["id"] == params["ImageId"]]
        if params.get("Status"):
            imgs = [i for i in imgs if i.get("status") == params["Status"]]
        if params.get("ImageType"):
            imgs = [i for i in imgs if i.get("type") == params["ImageType"]]
        if token:
            if not re.match(r"^\d+$", token):
                raise ApiError(400, "InvalidNextToken", "The specified NextToken is invalid.")
            start = int(token)
        else:
            start = (page - 1) * size
        chunk = imgs[start:start + size]
        body = {"RequestId": req_id, "TotalCount": len(imgs), "PageSize": size,
                "PageNumber": page if not token else start // size + 1, "Count": len(chunk),
                "Images": [{"ImageId": i["id"], "ImageName": i.get("name"), "Status": i.get("status"),
                            "ImageType": i.get("type"), "Regions": i.get("regions")} for i in chunk]}
        if start + size < len(imgs):
            body["NextToken"] = str(start + size)
        return Resp(200, body, code="200")


# --------------------------------------------------------------------------
# control API
# --------------------------------------------------------------------------

def control(state, r):
    sub = r.path[len(CONTROL_PREFIX):] or "/"
    sub = dec(_b(sub), plus_is_space=False)
    body = None
    if r.body:
        try:
            body = json.loads(r.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            return Resp(400, {"ok": False, "error": "body is not JSON: %s" % e})
    m = r.method
    try:
        if sub in ("/", "/health") and m == "GET":
            return Resp(200, {"ok": True, "api_version": API_VERSION})
        if sub == "/state" and m == "GET":
            return Resp(200, state.public())
        if sub == "/reset" and m == "POST":
            state.reset()
            return Resp(200, {"ok": True})
        if sub == "/images" and m == "GET":
            return Resp(200, {"images": state.public()["images"], "deleted": state.public()["deleted"]})
        if sub == "/images" and m == "POST":
            items = body.get("images", [body]) if isinstance(body, dict) else body
            if not isinstance(items, list):
                raise ValueError("want an image object, a list, or {\"images\": [...]}")
            imgs = [normalize_image(i) for i in items]
            with state.lock:
                for img in imgs:
                    state.images[img["id"]] = img
            return Resp(200, {"ok": True, "images": imgs})
        if sub.startswith("/images/"):
            iid = sub[len("/images/"):]
            with state.lock:
                cur = state.images.get(iid)
                if m == "GET":
                    if cur is None:
                        gone = [d for d in state.deleted if d["id"] == iid]
                        return Resp(404, {"ok": False, "error": "no such image", "deleted": gone})
                    return Resp(200, cur)
                if m == "DELETE":
                    state.images.pop(iid, None)
                    return Resp(200, {"ok": True})
                if m in ("POST", "PATCH", "PUT"):
                    if not isinstance(body, dict):
                        raise ValueError("want a JSON object of attributes")
                    body = dict(body)
                    body["id"] = iid
                    img = normalize_image(body, base=cur)
                    state.images[iid] = img
                    return Resp(200, {"ok": True, "image": img})
        if sub == "/faults" and m == "GET":
            return Resp(200, {"faults": state.public()["faults"]})
        if sub == "/faults" and m == "POST":
            items = body if isinstance(body, list) else [body]
            fs = [parse_fault(x) for x in items]
            with state.lock:
                state.faults.extend(fs)
            return Resp(200, {"ok": True, "faults": fs})
        if (sub == "/faults" and m == "DELETE") or (sub == "/faults/clear" and m == "POST"):
            with state.lock:
                state.faults = []
            return Resp(200, {"ok": True})
        if sub == "/requests" and m == "GET":
            with state.lock:
                reqs = list(state.requests)
            q = dict(parse_pairs(r.query))
            if q.get("all") not in ("1", "true"):
                reqs = [x for x in reqs if not x.get("control")]
            if q.get("since"):
                reqs = [x for x in reqs if x["seq"] > int(q["since"])]
            return Resp(200, {"requests": reqs})
        if (sub == "/requests" and m == "DELETE") or (sub == "/requests/clear" and m == "POST"):
            with state.lock:
                state.requests = []
            return Resp(200, {"ok": True})
        if sub == "/clock" and m == "GET":
            return Resp(200, {"offset": state.clock_offset, "now": state.now()})
        if sub == "/clock" and m == "POST":
            with state.lock:
                if "offset" in body:
                    state.clock_offset = float(body["offset"])
                elif "now" in body:
                    t = body["now"]
                    t = parse_ts(t) if isinstance(t, str) else float(t)
                    if t is None:
                        raise ValueError("now must be epoch seconds or YYYY-MM-DDThh:mm:ssZ")
                    state.clock_offset = t - time.time()
            return Resp(200, {"ok": True, "offset": state.clock_offset})
        if sub == "/credentials" and m == "POST":
            items = body if isinstance(body, list) else [body]
            cs = [normalize_cred(c) for c in items]
            with state.lock:
                for c in cs:
                    state.creds[c["id"]] = c
            return Resp(200, {"ok": True, "credentials": [c["id"] for c in cs]})
        if sub.startswith("/credentials/") and m == "DELETE":
            with state.lock:
                state.creds.pop(sub[len("/credentials/"):], None)
            return Resp(200, {"ok": True})
        if sub.startswith("/credentials/") and sub.endswith("/expire") and m == "POST":
            cid = sub[len("/credentials/"):-len("/expire")]
            with state.lock:
                if cid not in state.creds:
                    return Resp(404, {"ok": False, "error": "no such credential"})
                state.creds[cid]["expiration"] = state.now() - 1
            return Resp(200, {"ok": True})
        if sub == "/sts" and m == "GET":
            # a credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI): fresh STS credentials
            q = dict(parse_pairs(r.query))
            ttl = float(q.get("ttl", state.args.sts_ttl))
            adv = q.get("advertised_ttl")
            advertised = ttl if adv is None else (None if adv == "none" else float(adv))
            if q.get("fail"):
                return Resp(int(q["fail"]), {"Code": "Failed", "Message": "credentials service failure"})
            return Resp(200, state.mint_sts(ttl, advertised))
        if sub == "/nonces" and m == "DELETE" or sub == "/nonces/clear" and m == "POST":
            with state.lock:
                state.nonces = {}
            return Resp(200, {"ok": True})
        if sub == "/shutdown" and m == "POST":
            threading.Timer(0.05, lambda: os.kill(os.getpid(), signal.SIGTERM)).start()
            return Resp(200, {"ok": True})
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        return Resp(400, {"ok": False, "error": "%s: %s" % (type(e).__name__, e)})
    return Resp(404, {"ok": False, "error": "unknown control endpoint %s %s" % (m, r.path)})


# --------------------------------------------------------------------------
# connection handling
# --------------------------------------------------------------------------

class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        srv = self.server
        st = srv.state
        sock = self.request
        remote = "%s:%s" % self.client_address[:2]
        try:
            # As nginx does by default: without it the session tickets and
            # the answer wait ~40 ms for the client's delayed ACK.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        try:
            if srv.ssl_ctx is not None:
                sock.settimeout(srv.args.read_timeout)
                try:
                    sock = srv.ssl_ctx.wrap_socket(sock, server_side=True)
                except (ssl.SSLError, OSError) as e:
                    st.log({"ts": time.time(), "remote": remote, "event": "tls_error", "error": str(e)[:200]})
                    return
            conn = Conn(sock)
            first = True
            while True:
                idle = srv.args.read_timeout if first else srv.args.idle_timeout
                first = False
                if not self.one_request(conn, remote, idle):
                    break
        except Exception as e:  # never let one connection take the server down
            try:
                st.log({"ts": time.time(), "remote": remote, "event": "handler_error",
                        "error": "%s: %s" % (type(e).__name__, str(e)[:200])})
            except Exception:
                pass
        finally:
            try:
                sock.close()
            except OSError:
                pass

    def write_simple(self, conn, status, body_obj, close=True):
        body = json.dumps(body_obj).encode()
        head = ("HTTP/1.1 %d %s\r\nDate: %s\r\nContent-Type: application/json;charset=utf-8\r\n"
                "Content-Length: %d\r\nConnection: close\r\n\r\n"
                % (status, REASONS.get(status, "Error"), http_date(self.server.state.now()), len(body)))
        try:
            conn.send(head.encode() + body)
        except OSError:
            pass

    def one_request(self, conn, remote, idle):
        st = self.server.state
        args = self.server.args
        t0 = time.monotonic()
        try:
            head = conn.read_head(time.monotonic() + idle, args.read_timeout)
        except (Timeout, PeerClosed):
            if conn.buf:
                st.log({"ts": time.time(), "remote": remote, "event": "incomplete_head",
                        "bytes": len(conn.buf)})
                if isinstance(sys.exc_info()[1], Timeout):
                    self.write_simple(conn, 408, {"Code": "RequestTimeout",
                                                  "Message": "request head not received in time"})
            return False
        except BadRequest as e:
            st.log({"ts": time.time(), "remote": remote, "event": "bad_request", "status": e.status,
                    "error": str(e)})
            self.write_simple(conn, e.status, {"Code": "BadRequest" if e.status == 400 else "HeaderTooLarge",
                                               "Message": str(e)})
            return False
        try:
            r = parse_head(head)
        except BadRequest as e:
            st.log({"ts": time.time(), "remote": remote, "event": "bad_request", "status": e.status,
                    "error": str(e)})
            self.write_simple(conn, e.status, {"Code": "BadRequest", "Message": str(e)})
            return False
        if r.headers.get("expect", "").lower() == "100-continue":
            try:
                conn.send(b"HTTP/1.1 100 Continue\r\n\r\n")
            except OSError:
                return False
        try:
            r.body = read_body(conn, r, args.read_timeout)
        except (Timeout, PeerClosed):
            st.log({"ts": time.time(), "remote": remote, "event": "incomplete_body",
                    "method": r.method, "path": r.path})
            return False
        except BadRequest as e:
            st.log({"ts": time.time(), "remote": remote, "event": "bad_request", "status": e.status,
                    "error": str(e)})
            self.write_simple(conn, e.status, {"Code": "BadRequest", "Message": str(e)})
            return False

        conn_hdr = r.headers.get("connection", "").lower()
        if r.version == "HTTP/1.0":
            keep = "keep-alive" in conn_hdr
        else:
            keep = "close" not in conn_hdr
        if "transfer-encoding" in r.headers and "content-length" in r.headers:
            keep = False

        req_id = str(uuid.uuid4()).upper()
        host_id = (r.headers.get("host") or "localhost").rsplit(":", 1)[0] if not (
            r.headers.get("host") or "").startswith("[") else r.headers["host"]
        info = {"ts": time.time(), "id": req_id, "remote": remote, "method": r.method, "path": r.path,
                "http": r.version, "te": r.headers.get("transfer-encoding"),
                "content_length": r.headers.get("content-length"), "body_bytes": len(r.body)}
        fault = None
        if r.path == CONTROL_PREFIX or r.path.startswith(CONTROL_PREFIX + "/"):
            info["control"] = True
            resp = control(st, r)
        else:
            info["params"] = {k: ("<redacted>" if k in SECRET_PARAMS else v[:200])
                              for k, v in parse_pairs(r.query) + (
                                  parse_pairs(r.body) if r.body and len(r.body) < 65536 else [])}
            info["headers"] = sorted({h for h, _ in r.header_list})
            info["user_agent"] = r.headers.get("user-agent")
            action = r.headers.get("x-acs-action") or info["params"].get("Action")
            hdr_fault = r.headers.get("x-emulator-fault")
            try:
                fault = parse_fault(hdr_fault) if hdr_fault else st.take_fault(action)
            except ValueError:
                fault = None
            if fault:
                info["fault"] = fault["type"]
            resp = None
            if fault and fault["type"] in ERROR_FAULTS:
                resp = self.fault_error(fault, req_id, host_id)
            elif fault and fault["type"] == "front_end" and not fault.get("execute"):
                resp = front_end_resp(fault)   # the front end answers; nothing executed
            elif fault and fault["type"] == "data" and action == "DeleteImage":
                resp = data_resp(fault, req_id)  # not executed: the image stays
            if resp is None:
                try:
                    resp = Api(st).handle(r, req_id, host_id, info)
                except ApiError as e:
                    resp = Resp(e.status, error_body(req_id, host_id, e.code, e.message, e.extra),
                                code=e.code, headers=e.headers)
                except Exception as e:  # an emulator bug must still produce an answer
                    info["exception"] = "%s: %s" % (type(e).__name__, str(e)[:200])
                    resp = Resp(500, error_body(req_id, host_id, "InternalError",
                                                "Emulator exception: %s" % info["exception"]),
                                code="InternalError")
            if fault and fault["type"] == "front_end" and fault.get("execute"):
                # executed by the service, then the front end lost its answer
                info["executed_status"] = resp.status
                resp = front_end_resp(fault)
        info["status"] = resp.status
        if resp.code:
            info["code"] = resp.code
        keep = keep and not resp.close
        # logged before the answer goes out, so a client that got its answer can read the log entry
        info["ms"] = round((time.monotonic() - t0) * 1000, 1)
        st.log(info)
        try:
            ok = self.send(conn, r, resp, req_id, fault, keep)
        except OSError:
            ok = False
        return ok and keep

    def fault_error(self, f, req_id, host_id):
        t = f["type"]
        if t == "unavailable":
            code, status, msg = "ServiceUnavailable", int(f.get("status", 500)), \
                "Service unavailable. Please try again later."
        elif t == "internal":
            code, status, msg = "InternalError", int(f.get("status", 500)), \
                "The request processing has failed due to some unknown error."
        elif t == "throttle":
            code, status = f.get("code", "Throttling.User"), int(f.get("status", 400))
            msg = "Request was denied due to user flow control."
            left = int(f.get("time_left", 2000))
            reset = int(time.time() + left / 1000.0)
            hdr = f.get("header", "x-ratelimit-user-api")
            return Resp(status, error_body(req_id, host_id, code, msg), code=code,
                        headers=[(hdr, "Limit:1,Remain:0,TimeLeft:%d,Reset:%d" % (left, reset))])
        else:
            code, status = f.get("code", "InternalError"), int(f.get("status", 500))
            msg = f.get("message", "Injected error.")
        return Resp(status, error_body(req_id, host_id, code, msg), code=code)

    def send(self, conn, r, resp, req_id, f, keep):
        st = self.server.state
        t = f["type"] if f else None
        body = resp.body
        if t == "oversized":
            size = int(f.get("size", 1024 * 1024))
            obj = json.loads(body.decode())
            base = json.dumps(dict(obj, Padding="")).encode()
            pad = max(0, size - len(base))
            body = json.dumps(dict(obj, Padding="x" * pad)).encode()
        elif t == "malformed":
            mode = f.get("mode", "truncated")
            if mode == "garbage":
                body = b"\x00\xff<<not json>>\x01"
            elif mode == "html":
                body = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            elif mode == "empty":
                body = b""
            else:
                body = body[:max(1, len(body) // 2)]
        status_line = "HTTP/1.1 %d %s" % (resp.status, REASONS.get(resp.status, "Unknown"))
        headers = []
        if t != "no_date":
            skew = float(f.get("seconds", 0)) if t == "date_skew" else 0.0
            headers.append(("Date", http_date(st.now() + skew)))
        html = (t == "malformed" and f.get("mode") == "html") or t == "front_end"
        headers.append(("Content-Type", "text/html" if html else "application/json;charset=utf-8"))
        if t != "front_end":
            headers.append(("x-acs-request-id", req_id))
        headers.extend(resp.headers)
        close_after = None
        chunked = False
        if t == "http10":
            status_line = "HTTP/1.0 %d %s" % (resp.status, REASONS.get(resp.status, "Unknown"))
            keep = False
        elif t == "chunked":
            chunked = True
            headers.append(("Transfer-Encoding", "chunked"))
        elif t == "bad_length":
            headers.append(("Content-Length", str(max(0, len(body) + int(f.get("delta", 100))))))
            keep = False
        else:
            headers.append(("Content-Length", str(len(body))))
        if t in ("close", "drop"):
            close_after = int(f.get("after", 0))
            keep = False
        headers.append(("Connection", "keep-alive" if keep else "close"))
        head = (status_line + "\r\n" + "".join("%s: %s\r\n" % (k, v) for k, v in headers) + "\r\n").encode()
        if chunked:
            n = max(1, int(f.get("chunk", 64)))
            payload = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + n]), body[i:i + n])
                               for i in range(0, len(body), n)) + b"0\r\n\r\n"
        else:
            payload = body
        if r.method == "HEAD":
            payload = b""
        if t == "delay":
            time.sleep(float(f.get("seconds", 2)))
        raw = head + payload
        if close_after is not None:
            conn.send(raw[:close_after])
            try:
                conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return False
        if t == "trickle":
            conn.send(head)
            n = max(1, int(f.get("bytes", 16)))
            iv = float(f.get("interval", 0.1))
            for i in range(0, len(payload), n):
                time.sleep(iv)
                conn.send(payload[i:i + n])
            return keep
        conn.send(raw)
        return keep


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False
    request_queue_size = 128


# --------------------------------------------------------------------------
# certificates (openssl CLI)
# --------------------------------------------------------------------------

def run_openssl(argv, cwd):
    p = subprocess.run(["openssl"] + argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit("openssl %s failed: %s" % (argv[0], p.stderr.decode(errors="replace")))


def make_certs(d, args):
    ca_key, ca_pem = os.path.join(d, "ca.key"), os.path.join(d, "ca.pem")
    if not (os.path.exists(ca_key) and os.path.exists(ca_pem)):
        run_openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                     "-days", "3650", "-sha256", "-subj", "/CN=appstream-center emulator test CA",
                     "-addext", "basicConstraints=critical,CA:TRUE",
                     "-addext", "keyUsage=critical,keyCertSign,cRLSign"], d)
    names = args.cert_hostname or ["localhost", "127.0.0.1"]
    san = []
    for n in names:
        try:
            ipaddress.ip_address(n)
            san.append("IP:" + n)
        except ValueError:
            san.append("DNS:" + n)
    cn = names[0]
    run_openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                 "-subj", "/CN=" + cn], d)
    now = time.time()
    if args.cert_expired:
        start, end = now - 30 * 86400, now - 86400
    elif args.cert_not_yet_valid:
        start, end = now + 86400, now + 30 * 86400
    else:
        start, end = now - 3600, now + args.cert_days * 86400
    fmt = lambda t: time.strftime("%Y%m%d%H%M%SZ", time.gmtime(t))
    for f in ("index.txt", "index.txt.attr"):
        open(os.path.join(d, f), "w").close()
    with open(os.path.join(d, "serial"), "w") as fp:
        fp.write("%032x\n" % int.from_bytes(os.urandom(15), "big"))
    with open(os.path.join(d, "ca.cnf"), "w") as fp:
        fp.write("""[ ca ]
default_ca = CA_default
[ CA_default ]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
[ policy_any ]
commonName = supplied
[ server_ext ]
subjectAltName = %s
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
""" % ",".join(san))
    run_openssl(["ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key",
                 "-in", "server.csr", "-out", "server.pem", "-extensions", "server_ext", "-notext",
                 "-startdate", fmt(start), "-enddate", fmt(end)], d)
    return ca_pem, os.path.join(d, "server.pem"), os.path.join(d, "server.key")


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description="appstream-center 2021-09-01 emulator")
    ap.add_argument("--port", type=int, default=0, help="TCP port (0 = pick a free one)")
    ap.add_argument("--bind", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    ap.add_argument("--http", action="store_true", help="plain HTTP instead of TLS")
    ap.add_argument("--access-key", action="append", metavar="ID:SECRET")
    ap.add_argument("--sts", action="append", metavar="ID:SECRET:TOKEN")
    ap.add_argument("--sts-ttl", type=float, default=3600.0, metavar="SECONDS",
                    help="lifetime of the STS credentials GET /__emulator__/sts hands out")
    ap.add_argument("--image", action="append", metavar="ID", help="add an Available custom image")
    ap.add_argument("--state", metavar="FILE", help="JSON state file")
    ap.add_argument("--state-dir", metavar="DIR", help="where certificates go (default: a temp dir)")
    ap.add_argument("--fault", action="append", metavar="SPEC", help="arm a fault: TYPE[,key=value...]")
    ap.add_argument("--clock-offset", type=float, default=0.0, metavar="SECONDS")
    ap.add_argument("--log", metavar="FILE", help="request log (JSON lines); default stderr")
    ap.add_argument("--read-timeout", type=float, default=10.0,
                    help="seconds allowed to receive a request head/body (slowloris guard)")
    ap.add_argument("--idle-timeout", type=float, default=30.0, help="keep-alive idle timeout")
    ap.add_argument("--cert-days", type=int, default=365)
    ap.add_argument("--cert-expired", action="store_true", help="serve an expired certificate")
    ap.add_argument("--cert-not-yet-valid", action="store_true")
    ap.add_argument("--cert-hostname", "--hostname", action="append", metavar="NAME",
                    help="certificate names (default localhost + 127.0.0.1); repeatable")
    ap.add_argument("--tls-max", choices=["1.2", "1.3"], default=None,
                    help="highest TLS version offered (default: what OpenSSL allows)")
    ap.add_argument("--tls-allow-psk-only", action="store_true",
                    help="TLS 1.3: accept psk_ke resumption (no ephemeral key exchange) when the "
                         "client offers it (OpenSSL SSL_OP_ALLOW_NO_DHE_KEX)")
    ap.add_argument("--tls-tickets", type=int, default=None, metavar="N",
                    help="TLS 1.3 session tickets sent after each handshake (OpenSSL default 2)")
    args = ap.parse_args(argv)
    # handlers first: a signal right after the first line must still mean "exit 0"
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    try:
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    except (AttributeError, ValueError):
        pass

    try:
        state = State(args)
    except (OSError, ValueError, KeyError) as e:
        sys.stderr.write("emulator: bad state/credentials/fault: %s\n" % e)
        return 2

    tmpdir = None
    ssl_ctx = None
    ca_file = cert_file = None
    if not args.http:
        if args.state_dir:
            d = args.state_dir
            os.makedirs(d, exist_ok=True)
        else:
            d = tmpdir = tempfile.mkdtemp(prefix="asc-emulator-")
        ca_file, cert_file, key_file = make_certs(d, args)
        ssl_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ssl_ctx.load_cert_chain(cert_file, key_file)
        if args.tls_max == "1.2":
            ssl_ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        elif args.tls_max == "1.3":
            ssl_ctx.maximum_version = ssl.TLSVersion.TLSv1_3
        if args.tls_allow_psk_only:
            # Python's ssl module has no name for it; OpenSSL 1.1.1-3.x value.
            ssl_ctx.options |= SSL_OP_ALLOW_NO_DHE_KEX
        if args.tls_tickets is not None:
            ssl_ctx.num_tickets = args.tls_tickets

    Server.address_family = socket.AF_INET6 if ":" in args.bind else socket.AF_INET
    try:
        srv = Server((args.bind, args.port), Handler)
    except OSError as e:
        sys.stderr.write("emulator: cannot bind %s:%d: %s\n" % (args.bind, args.port, e))
        return 2
    srv.state, srv.args, srv.ssl_ctx = state, args, ssl_ctx
    port = srv.server_address[1]
    scheme = "http" if args.http else "https"
    host = "localhost" if args.bind in ("127.0.0.1", "0.0.0.0", "::1", "::") else args.bind
    info = {"port": port, "ca_file": ca_file, "cert_file": cert_file, "scheme": scheme,
            "bind": args.bind, "endpoint": "%s:%d" % (host, port),
            "url": "%s://%s:%d/" % (scheme, host, port),
            "control_url": "%s://%s:%d%s" % (scheme, host, port, CONTROL_PREFIX),
            "pid": os.getpid(), "api_version": API_VERSION,
            "access_key_ids": sorted(state.creds.keys())}
    sys.stdout.write(json.dumps(info) + "\n")
    sys.stdout.flush()

    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    t.start()
    while not stop.is_set():
        stop.wait(0.5)
    srv.shutdown()
    srv.server_close()
    if tmpdir:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
