#!/usr/bin/env python3
"""tests/tls/fin_server.py CERT KEY PORT MODE - a TLS server for one case of
tests/unit/test_tls.c: on 127.0.0.1:PORT, for each connection, read one
HTTP request head and answer HTTP/1.0 with a JSON body delimited by the
connection's close, then end the connection:
  MODE fin     TCP close WITHOUT TLS close_notify (what a truncating
               attacker, or a sloppy server, does)
  MODE notify  close_notify first (an orderly end)
Python's standard library only; stops after 20 connections or 60 s."""
import socket
import ssl
import sys
import time

cert, key, port, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", port))
ls.listen(8)
ls.settimeout(1.0)
body = b'{"RequestId":"fin-test","Data":true,"Success":true,"Code":"200","Message":"successful"}'
end = time.monotonic() + 60
served = 0
while served < 20 and time.monotonic() < end:
    try:
        raw, _ = ls.accept()
    except socket.timeout:
        continue
    served += 1
    raw.settimeout(5)
    try:
        s = ctx.wrap_socket(raw, server_side=True)
        got = b""
        while b"\r\n\r\n" not in got:
            chunk = s.recv(4096)
            if not chunk:
                break
            got += chunk
        head = b"HTTP/1.0 200 OK\r\nContent-Type: application/json;charset=utf-8\r\n\r\n"
        s.sendall(head + body)
        if mode == "notify":
            s.unwrap().close()       # close_notify, then FIN
        else:
            s.close()                # FIN only: Python sends no close_notify here
    except (OSError, ssl.SSLError):
        raw.close()
