#!/usr/bin/env python3
"""tests/lwip/rst_server.py BIND CERT KEY - a TLS server that answers every
request with the start of an HTTP response and then RESETS the connection
(SO_LINGER 0: the kernel sends RST, not FIN). Prints {"port": N} on the
first line; runs until SIGTERM. Used by tests/lwip/run.sh for the
"connection reset mid-response" case (the emulator's close fault sends FIN)."""
import json
import signal
import socket
import ssl
import struct
import sys
import threading


def serve(conn, ctx):
    try:
        conn.settimeout(10)
        tls = ctx.wrap_socket(conn, server_side=True)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = tls.recv(4096)
            if not chunk:
                return
            data += chunk
        tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 400\r\n\r\n{\"RequestId\":\"")
        # No close_notify: abort the TCP connection under the TLS session.
        tls.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        tls.close()  # RST
    except (OSError, ssl.SSLError):
        try:
            conn.close()
        except OSError:
            pass


def main():
    bind, cert, key = sys.argv[1:4]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((bind, 0))
    srv.listen(8)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(json.dumps({"port": srv.getsockname()[1]}), flush=True)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=serve, args=(conn, ctx), daemon=True).start()


if __name__ == "__main__":
    main()
