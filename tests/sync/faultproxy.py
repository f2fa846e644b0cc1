"""A fault-injecting HTTPS proxy between the kiosk and a real hub, for the fault tests.

It terminates TLS with the hub's own certificate and key (so the kiosk's pin still holds), parses
each HTTP/1.1 request, and applies the next planned fault before, during or after forwarding it
upstream to the real hub over TLS. Faults are planned per request: ``proxy.plan("reset_after_commit")``.
Requests past the plan pass through untouched.
"""

from __future__ import annotations

import collections
import socket
import ssl
import struct
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

FAULTS = (
    "pass",
    "reset_before_body",  # read the headers, then RST: the hub never sees the request
    "reset_after_body",  # read the whole request, then RST without forwarding
    "reset_after_commit",  # forward, let the hub commit and answer, then RST instead of the reply
    "timeout",  # forward, then hold the reply until the client gives up
    "hang_before_forward",  # hold the request itself until the client gives up
    "drip",  # forward, then send the reply a few bytes at a time
    "html_500",  # answer 500 with an HTML page, without forwarding
    "html_502_after_commit",  # forward, then answer 502 with an HTML page (the gateway lost the reply)
    "html_503",  # answer 503 with an HTML maintenance page
    "truncate_reply",  # forward, send half of the reply, close
    "corrupt_reply",  # forward, flip bytes in the reply body
    "tamper_request",  # flip a byte in the request body before forwarding
)


@dataclass
class Seen:
    """What passed through, for assertions: (method, path, fault) per request, and raw request bodies."""

    requests: list[tuple[str, str, str]] = field(default_factory=list)
    bodies: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


class FaultProxy:
    def __init__(self, upstream_port: int, cert_file: Path, key_file: Path):
        self.upstream = ("127.0.0.1", upstream_port)
        self.server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.server_ctx.load_cert_chain(str(cert_file), str(key_file))
        self.client_ctx = ssl.create_default_context(cafile=str(cert_file))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"
        self._plan: collections.deque[str] = collections.deque()
        self._lock = threading.Lock()
        self.release = threading.Event()  # set at close: frees connections held by timeout faults
        self.seen = Seen()
        self.drip_chunk, self.drip_gap_s = 64, 0.002
        self._threads: list[threading.Thread] = []
        self._live: set[socket.socket] = set()
        self._accept = threading.Thread(target=self._accept_loop, name="fault-proxy", daemon=True)
        self._accept.start()

    def plan(self, *faults: str) -> None:
        for f in faults:
            if f not in FAULTS:
                raise ValueError(f"unknown fault {f!r}")
        with self._lock:
            self._plan.extend(faults)

    def pending(self) -> int:
        with self._lock:
            return len(self._plan)

    def _next_fault(self) -> str:
        with self._lock:
            return self._plan.popleft() if self._plan else "pass"

    def close(self) -> None:
        self.release.set()
        self.listener.close()
        for s in list(self._live):  # wake connection threads blocked reading from an idle keep-alive client
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for t in self._threads:
            t.join(timeout=5)

    # --- plumbing --------------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while True:
            try:
                raw, _ = self.listener.accept()
            except OSError:
                return
            t = threading.Thread(target=self._serve, args=(raw,), name="fault-proxy-conn", daemon=True)
            self._threads.append(t)
            t.start()

    def _serve(self, raw: socket.socket) -> None:
        upstream = conn = None
        try:
            conn = self.server_ctx.wrap_socket(raw, server_side=True)
            self._live.add(conn)  # wrap_socket took over raw's descriptor
            reader = _Reader(conn)
            while not self.release.is_set():
                head = reader.until(b"\r\n\r\n")
                if head is None:
                    return
                fault = self._next_fault()
                method, path, headers = _parse_head(head)
                self.seen.requests.append((method, path, fault))
                if fault == "reset_before_body":
                    return _reset(conn)
                body = reader.exactly(int(headers.get("content-length", "0")))
                if body is None:
                    return
                self.seen.bodies.append((headers, body))
                if fault == "reset_after_body":
                    return _reset(conn)
                if fault == "hang_before_forward":
                    self.release.wait(30)
                    return _reset(conn)
                if fault in ("html_500", "html_503"):
                    status = 500 if fault == "html_500" else 503
                    conn.sendall(_html_reply(status))
                    continue
                if fault == "tamper_request" and body:
                    body = body[:-5] + bytes([body[-5] ^ 0x20]) + body[-4:]
                if upstream is None:
                    upstream = self.client_ctx.wrap_socket(socket.create_connection(self.upstream, timeout=30),
                                                           server_hostname="127.0.0.1")
                    up_reader = _Reader(upstream)
                upstream.sendall(head + body)
                reply_head = up_reader.until(b"\r\n\r\n")
                if reply_head is None:
                    return _reset(conn)
                _, _, reply_headers = _parse_head(reply_head)
                reply_body = up_reader.exactly(int(reply_headers.get("content-length", "0"))) or b""
                reply = reply_head + reply_body
                if fault == "reset_after_commit":
                    return _reset(conn)
                if fault == "timeout":
                    self.release.wait(30)
                    return _reset(conn)
                if fault == "html_502_after_commit":
                    conn.sendall(_html_reply(502))
                    continue
                if fault == "truncate_reply":
                    conn.sendall(reply[: len(reply_head) + len(reply_body) // 2])
                    return conn.close()
                if fault == "corrupt_reply":
                    body_mut = bytearray(reply_body)
                    for i in range(0, len(body_mut), 7):
                        body_mut[i] ^= 0x5A
                    reply = reply_head + bytes(body_mut)
                if fault == "drip":
                    for i in range(0, len(reply), self.drip_chunk):
                        conn.sendall(reply[i : i + self.drip_chunk])
                        time.sleep(self.drip_gap_s)  # the fault itself is slowness, not synchronisation
                    continue
                conn.sendall(reply)
        except (OSError, ssl.SSLError, ValueError):
            return
        finally:
            self._live.discard(conn)
            for s in (upstream, conn, raw):
                if s is not None:
                    try:
                        s.close()
                    except OSError:
                        pass


class _Reader:
    def __init__(self, sock: socket.socket):
        self.sock, self.buf = sock, b""

    def _fill(self) -> bool:
        chunk = self.sock.recv(65536)
        if not chunk:
            return False
        self.buf += chunk
        return True

    def until(self, marker: bytes) -> bytes | None:
        while marker not in self.buf:
            if not self._fill():
                return None
        i = self.buf.index(marker) + len(marker)
        out, self.buf = self.buf[:i], self.buf[i:]
        return out

    def exactly(self, n: int) -> bytes | None:
        while len(self.buf) < n:
            if not self._fill():
                return None
        out, self.buf = self.buf[:n], self.buf[n:]
        return out


def _parse_head(head: bytes) -> tuple[str, str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    first = lines[0].split(" ")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    return first[0], first[1] if len(first) > 1 else "", headers


def _reset(raw: socket.socket) -> None:
    """Close with SO_LINGER 0: the peer gets a TCP RST, as when a line or a middlebox drops."""
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    raw.close()


def _html_reply(status: int) -> bytes:
    reason = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}[status]
    body = f"<html><head><title>{status} {reason}</title></head><body><h1>{reason}</h1>nginx</body></html>".encode()
    return (f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n"
            f"Connection: keep-alive\r\n\r\n").encode() + body
