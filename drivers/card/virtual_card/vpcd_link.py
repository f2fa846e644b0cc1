"""Plugs a VirtualCard into vsmartcard-vpcd (the virtual reader driver inside pcscd) over TCP.

vpcd listens on one port per slot; connecting is "insert", closing is "remove". Every message is a
2-byte big-endian length plus payload; a 1-byte payload is a control message (00 off, 01 on, 02 reset,
04 get ATR). reference/smartcard.md §3.3. Tests only: a kiosk never runs vpcd.
"""

from __future__ import annotations

import logging
import socket
import struct
import threading
from collections.abc import Callable

from .card import ATR, CardPulled, VirtualCard
from .profiles import CardProfile

log = logging.getLogger(__name__)

VPCD_PORT = 0x8C7B  # 35963, the Debian default CHANNELID; slot 1 is +1
CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        # vpcd 0.8 sends length and payload in two writes; without quick-ack every APDU waits for the
        # delayed ACK (40-88 ms). Linux drops quick-ack mode after a while, so re-arm it each time.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("vpcd closed the connection")
        buf += chunk
    return buf


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(struct.pack("!H", len(payload)) + payload)


class VpcdSlot:
    """One vpcd slot. ``insert(profile)`` / ``remove()`` / ``swap(profile)``; safe from any thread.

    ``make_socket`` creates the TCP socket (tests create it inside the stack's network namespace).
    """

    def __init__(self, port: int = VPCD_PORT, make_socket: Callable[[], socket.socket] | None = None,
                 host: str = "127.0.0.1"):
        self.port = port
        self.host = host
        self._make_socket = make_socket or (lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM))
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._sock: socket.socket | None = None
        self.card: VirtualCard | None = None
        self.connected = threading.Event()  # set while vpcd has our connection

    def insert(self, profile: CardProfile) -> VirtualCard:
        with self._lock:
            if self._thread is not None:
                raise RuntimeError("a card is already in this slot; remove() or swap() first")
            self.card = VirtualCard(profile)
            self._stop = threading.Event()
            self._thread = threading.Thread(
                target=self._serve, args=(self.card, self._stop), name=f"vpcd-card-{self.port}", daemon=True
            )
            self._thread.start()
            return self.card

    def remove(self) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
            self._stop.set()
            self._close()
        if thread is not None:
            thread.join(timeout=5)

    def swap(self, profile: CardProfile) -> VirtualCard:
        self.remove()
        return self.insert(profile)

    def _close(self) -> None:
        sock, self._sock = self._sock, None
        self.connected.clear()
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the serving thread's recv
            except OSError:
                pass
            sock.close()

    def _serve(self, card: VirtualCard, stop: threading.Event) -> None:
        while not stop.is_set():
            sock = self._make_socket()
            try:
                sock.connect((self.host, self.port))
            except OSError:
                sock.close()
                stop.wait(0.05)  # pcscd not listening yet (starting or restarting): retry
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                if stop.is_set():
                    sock.close()
                    return
                self._sock = sock
            self.connected.set()
            try:
                self._converse(sock, card)
            except CardPulled:
                with self._lock:
                    if self._sock is sock:
                        self._close()
                return  # stays out until the next insert()
            except OSError:
                pass  # removed, or pcscd went away: reconnect unless stopped
            with self._lock:
                if self._sock is sock:
                    self._close()
            card.reset()

    @staticmethod
    def _converse(sock: socket.socket, card: VirtualCard) -> None:
        while True:
            (size,) = struct.unpack("!H", _recv_exact(sock, 2))
            message = _recv_exact(sock, size)
            if size == 1:
                if message[0] == CTRL_ATR:
                    _send(sock, ATR)
                elif message[0] in (CTRL_OFF, CTRL_ON, CTRL_RESET):
                    card.reset()
                continue
            answer = card.process(message)
            if answer is not None:  # a mute card never answers; vpcd waits until the card is removed
                _send(sock, answer)
