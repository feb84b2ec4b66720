"""Small, independent request-signing helper for the emulator tests.

Written separately from server.py (and from the C library) on purpose, so the
tests do not check the server's verifier against itself.
"""
import base64
import hashlib
import hmac
import time
import uuid

_UNRESERVED = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def enc(s):
    """Percent-encode as RFC 3986 (UTF-8; space -> %20, '*' -> %2A, '~' kept)."""
    data = s.encode("utf-8") if isinstance(s, str) else s
    return "".join(chr(c) if c in _UNRESERVED else "%%%02X" % c for c in data)


def utc_now(offset=0.0):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + offset))


def nonce():
    return uuid.uuid4().hex


def _js_order(name):
    return name.encode("utf-16-be")


def form(params):
    """application/x-www-form-urlencoded with RFC 3986 encoding, in the given order."""
    return "&".join(enc(k) + "=" + enc(v) for k, v in params.items())


def sign_v1(method, params, secret):
    """params: dict of every parameter except Signature. Returns (signature, string_to_sign)."""
    keys = sorted(params, key=_js_order)
    canonical = "&".join(enc(k) + "=" + enc(params[k]) for k in keys)
    sts = "%s&%s&%s" % (method.upper(), enc("/"), enc(canonical))
    sig = base64.b64encode(hmac.new((secret + "&").encode(), sts.encode(), hashlib.sha1).digest()).decode()
    return sig, sts


def v1_request(method, akid, secret, action="DeleteImage", version="2021-09-01", params=None,
               token=None, timestamp=None, signature_nonce=None, in_body=True):
    """Build a V1 request. Returns (path_with_query, headers, body_bytes)."""
    p = {"Action": action, "Version": version, "Format": "JSON", "AccessKeyId": akid,
         "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0",
         "SignatureNonce": signature_nonce or nonce(), "Timestamp": timestamp or utc_now()}
    if token:
        p["SecurityToken"] = token
    p.update(params or {})
    sig, _ = sign_v1(method, p, secret)
    p["Signature"] = sig
    if method.upper() == "POST" and in_body:
        return "/", {"content-type": "application/x-www-form-urlencoded"}, form(p).encode()
    return "/?" + form(p), {}, b""


def sign_v3(method, path, query, headers, body, secret):
    """headers: dict with lowercase names; signs host, content-type and x-acs-*.
    Returns (signature, signed_headers, canonical_request)."""
    signed = sorted(h for h in headers if h in ("host", "content-type") or h.startswith("x-acs-"))
    cq = "&".join(k + "=" + enc(query[k]) for k in sorted(query, key=_js_order))
    ch = "".join("%s:%s\n" % (h, headers[h].strip()) for h in signed)
    cr = "\n".join([method.upper(), path, cq, ch, ";".join(signed), hashlib.sha256(body).hexdigest()])
    sts = "ACS3-HMAC-SHA256\n" + hashlib.sha256(cr.encode()).hexdigest()
    sig = hmac.new(secret.encode(), sts.encode(), hashlib.sha256).hexdigest()
    return sig, ";".join(signed), cr


def v3_request(method, host, akid, secret, action="DeleteImage", version="2021-09-01",
               query=None, body_params=None, token=None, date=None, signature_nonce=None,
               extra_headers=None, body=None):
    """Build a V3 request. Returns (path_with_query, headers, body_bytes)."""
    query = dict(query or {})
    if body is None:
        body = form(body_params).encode() if body_params else b""
    h = {"host": host, "x-acs-action": action, "x-acs-version": version,
         "x-acs-date": date or utc_now(), "x-acs-signature-nonce": signature_nonce or nonce(),
         "x-acs-content-sha256": hashlib.sha256(body).hexdigest(), "accept": "application/json"}
    if body_params is not None or body:
        h["content-type"] = "application/x-www-form-urlencoded"
    if token:
        h["x-acs-accesskey-id"] = akid
        h["x-acs-security-token"] = token
    h.update(extra_headers or {})
    sig, signed, _ = sign_v3(method, "/", query, h, body, secret)
    h["authorization"] = "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s" % (akid, signed, sig)
    path = "/" + ("?" + "&".join(enc(k) + "=" + enc(v) for k, v in query.items()) if query else "")
    return path, h, body
