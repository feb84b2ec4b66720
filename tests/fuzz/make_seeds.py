#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/).
Run once by hand after editing; the corpora are committed. Each file is
named after what it shows."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OK_BODY = (b'{"Data":true,"Success":true,"Code":"200","Message":"successful",'
           b'"RequestId":"1CBAFFAB-B697-4049-A9B1-67E1FC5F0001"}')
ERR_BODY = (b'{"RequestId":"R-1","HostId":"appstream-center.cn-shanghai.aliyuncs.com",'
            b'"Code":"Image.NotExist","Message":"The image does not exist.",'
            b'"Recommend":"https://api.aliyun.com/troubleshoot?q=Image.NotExist"}')
THROTTLE = (b'{"RequestId":"R-2","Code":"Throttling.User","Message":"Request was denied."}')
EXPIRED = (b'{"RequestId":"R-3","Code":"InvalidTimeStamp.Expired","Message":"expired"}')
UNAVAIL = (b'{"RequestId":"R-4","Code":"ServiceUnavailable","Message":"try later"}')


def cl(status, body, extra=b""):
    return (b"HTTP/1.1 " + status + b"\r\nContent-Type: application/json;charset=utf-8\r\n"
            + extra + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def chunked(status, body, ext=b"", trailer=b""):
    mid = len(body) // 2
    return (b"HTTP/1.1 " + status + b"\r\nTransfer-Encoding: chunked\r\n\r\n"
            + b"%x" % mid + ext + b"\r\n" + body[:mid] + b"\r\n"
            + b"%x" % (len(body) - mid) + b"\r\n" + body[mid:] + b"\r\n0\r\n" + trailer + b"\r\n")


RESPONSES = {
    "ok_cl": cl(b"200 OK", OK_BODY, b"Date: Thu, 01 Jan 2026 00:00:05 GMT\r\n"),
    "ok_chunked_ext_trailer": chunked(b"200 OK", OK_BODY, b";ext=1", b"X-Trailer: v\r\n"),
    "ok_close_delimited": b"HTTP/1.0 200 OK\r\nConnection: close\r\n\r\n" + OK_BODY,
    "continue_then_ok": b"HTTP/1.1 100 Continue\r\n\r\n" + cl(b"200 OK", OK_BODY),
    "no_content": b"HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n",
    "notexist_400": cl(b"400 Bad Request", ERR_BODY, b"Connection: keep-alive\r\n"),
    "throttled": cl(b"400 Bad Request", THROTTLE,
                    b"x-ratelimit-user-api: Limit:1,Remain:0,TimeLeft:2000,Reset:1234\r\n"
                    b"X-RateLimit-User: Limit=5; TimeLeft=70\r\nx-ratelimit-api: TimeLeft:99999999999\r\n"),
    "expired_with_date": cl(b"400 Bad Request", EXPIRED, b"Date: Mon, 01 Jun 2026 12:00:00 GMT\r\n"),
    "unavailable_503": cl(b"503 Service Unavailable", UNAVAIL),
    "bare_lf_dup_cl": b"HTTP/1.1 200 OK\nContent-Length: 2, 2\nContent-Length: 2\n\n{}",
    "chunked_and_cl": (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                       b"2\r\n{}\r\n0\r\n\r\n"),
    # front-end answers (issue 13): Server, Location, Retry-After
    "front_end_301": (b"HTTP/1.1 301 Moved Permanently\r\nServer: nginx/1.22.1\r\n"
                      b"Location: https://example.com/x\r\nContent-Length: 0\r\n\r\n"),
    "front_end_429": (b"HTTP/1.1 429 Too Many Requests\r\nServer: nginx\r\nRetry-After: 3\r\n"
                      b"Content-Type: text/html\r\nContent-Length: 5\r\n\r\n<p/>\n"),
    "front_end_502_chunked": (b"HTTP/1.1 502 Bad Gateway\r\nServer: Tengine\r\nTransfer-Encoding: chunked\r\n\r\n"
                              b"7 ; a = \"x;\\\"y\" ;b\r\n<html/>\r\n0\r\nServer: trailer\r\n\r\n"),
    "early_hints_then_ok": (b"HTTP/1.1 103 Early Hints\r\nServer: early\r\nLink: </a>\r\n\r\n"
                            + cl(b"200 OK", OK_BODY, b"Server: Tengine\r\nRetry-After:  Fri, 31 Dec 1999 23:59:59 GMT \r\n")),
}

JSON = {
    "ok": OK_BODY,
    "error": ERR_BODY,
    "data_object": b'{"Data":{"Images":[{"Id":"img-1","Tags":[1,2.5e3,-0.1,null,true]}]},"RequestId":"x"}',
    "escapes": b'{"Message":"a\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 \xe4\xb8\xad","Code":"X"}',
    "code_number": b'{"Code":400,"Success":"false","HostId":null}',
    "deep": b'{"x":' + b'[' * 60 + b']' * 60 + b'}',
    "long_message": b'{"Message":"' + b'\xc3\xa9' * 300 + b'"}',
    "whitespace": b' \t\r\n{ "Data" : false , "Success" : true } \n',
}


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


for name, r in RESPONSES.items():
    # http: mode byte 0x00 = at once, no EOF; 0x0d = pieces of 1..1, EOF, slack
    write("http", name, b"\x00" + r)
    write("http", name + "_pieces_eof", b"\x0d" + r)
for name, j in JSON.items():
    write("json", name, b"\x00\xff" + j)
    write("json", name + "_any", b"\x01\xff" + j)
write("json", "few_tokens", b"\x02\x03" + OK_BODY)

# client: header (attempts/flags, max piece, work size, rng seed) + stream
write("client", "ok", b"\x01\x00\x70\x01" + RESPONSES["ok_cl"])
write("client", "ok_bytewise_v1", b"\x05\x01\x70\x02" + RESPONSES["ok_chunked_ext_trailer"])
write("client", "retry_then_notexist", b"\x03\x07\x70\x03" + RESPONSES["unavailable_503"]
      + RESPONSES["notexist_400"])
write("client", "throttle_then_ok", b"\x02\x00\x70\x04" + RESPONSES["throttled"]
      + RESPONSES["ok_cl"])
write("client", "expired_resign", b"\x12\x05\x70\x05" + RESPONSES["expired_with_date"]
      + RESPONSES["ok_cl"])
write("client", "generic_data_any", b"\x29\x00\x70\x06"
      + cl(b"200 OK", JSON["data_object"]))
write("client", "lost_then_notexist", b"\x83\x00\x70\x07" + RESPONSES["notexist_400"])
write("client", "stalls_small_work", b"\x41\x03\x00\x08" + RESPONSES["ok_cl"])
write("client", "truncated", b"\x01\x00\x70\x09" + RESPONSES["ok_cl"][:60])
# h[3] bit 7: through a proxy; the stream starts with its answer to CONNECT
write("client", "proxy_tunnel_ok", b"\x01\x00\x70\x8a"
      + b"HTTP/1.1 200 Connection established\r\nProxy-agent: tinyproxy/1.11.1\r\n\r\n"
      + RESPONSES["ok_cl"])
write("client", "proxy_502_then_ok", b"\x02\x05\x70\x8b"
      + b"HTTP/1.0 502 Bad Gateway\r\n\r\n"
      + b"HTTP/1.0 200 OK\r\n\r\n" + RESPONSES["ok_cl"])
write("client", "proxy_407", b"\x01\x00\x70\x8c"
      + b"HTTP/1.1 407 Proxy Authentication Required\r\n"
      + b"Proxy-Authenticate: Basic realm=\"x\"\r\nConnection: close\r\n\r\n")
