"""A signature pad on a real pty pair: the kiosk opens the slave end as it would open the pad's port.

It speaks each protocol byte for byte (see ``protocols``): it answers the capability queries, streams
only after the start command on pads that have one, paces packets at the pad's sample rate, and can
replay strokes (generated from a name or recorded), inject junk, split packets across reads, hang up
(the port vanishes, as on unplug) and plug back in under the same link path.

Line settings are visible to it (``host_baud``), but a pty forces 8 data bits and no parity, so a
Topaz pad's 8O1 cannot be checked here. Runs on its own thread; ``close()`` stops it.
"""

from __future__ import annotations

import collections
import os
import select
import termios
import threading
import time
import tty
from collections.abc import Callable, Iterable
from pathlib import Path

from kiosk.signature import Signature

from . import isdv4, wacom4
from .base import PadCapabilities
from .protocols import PROTOCOLS
from .scribble import InkPoint, name_strokes

_SENTINEL_BAUD = termios.B50  # set on our side; a host opening the port changes it
_BAUDS = {getattr(termios, f"B{b}"): b for b in (50, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)}
HOVER_PACKETS = 2  # in-proximity packets before the tip goes down, as a real pen sends


class PadEmulator:
    def __init__(self, protocol: str, *, capabilities: PadCapabilities | None = None, rate_hz: float | None = None,
                 time_scale: float = 1.0, link: str | Path | None = None, auto_sign: str | list[list[InkPoint]] | None = None,
                 model: str = "CT-0405-R,V1.3-5"):
        self.spec = PROTOCOLS[protocol]
        self.protocol = protocol
        self.capabilities = capabilities or self.spec.default_capabilities
        self.rate_hz = rate_hz or self.spec.sample_rate_hz
        self.time_scale = time_scale  # < 1 sends the same packets faster (tests); 1 is a real pad's pace
        self.link = Path(link) if link else None
        self.auto_sign = auto_sign  # a name (or ink) to sign each time the host starts (or opens) the pad
        self.model = model
        self.split_packets = False  # write each packet in two pieces a moment apart
        self.silent = False  # connected but sends and answers nothing
        self.commands: list[bytes] = []
        self.on_written: Callable[[bytes, float], None] | None = None  # (chunk, monotonic time): benchmarks
        self.signatures_sent = 0
        self._streaming = not self.spec.start  # pads without a start command always stream
        self._lock = threading.Condition()
        self._queue: collections.deque[bytes] = collections.deque()
        self._replies: collections.deque[bytes] = collections.deque()
        self._command_buf = bytearray()
        self._master = self._slave = -1
        self._slave_name = ""
        self._host_seen = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"sigpad-emulator-{protocol}", daemon=True)

    # --- lifecycle -----------------------------------------------------------------------------------
    @property
    def path(self) -> str:
        return str(self.link) if self.link else self._slave_name

    def start(self) -> str:
        self.plug_in()
        self._thread.start()
        return self.path

    def plug_in(self) -> None:
        with self._lock:
            if self._master >= 0:
                return
            self._master, self._slave = os.openpty()
            tty.setraw(self._slave)  # no echo, no CR/LF translation before the host sets its own mode
            attrs = termios.tcgetattr(self._slave)
            attrs[4] = attrs[5] = _SENTINEL_BAUD
            termios.tcsetattr(self._slave, termios.TCSANOW, attrs)
            self._slave_name = os.ttyname(self._slave)
            self._host_seen = False
            self._streaming = not self.spec.start
            if self.link:
                tmp = self.link.with_name(self.link.name + ".new")
                tmp.unlink(missing_ok=True)
                tmp.symlink_to(self._slave_name)
                tmp.replace(self.link)
            self._lock.notify_all()

    def hang_up(self) -> None:
        """Unplug: the port and its link vanish; the host's reads and writes fail."""
        with self._lock:
            if self.link:
                self.link.unlink(missing_ok=True)
            for fd in (self._master, self._slave):
                if fd >= 0:
                    os.close(fd)
            self._master = self._slave = -1
            self._queue.clear()
            self._replies.clear()
            self._lock.notify_all()

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self.hang_up()

    def __enter__(self) -> PadEmulator:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- what the test or technician asks for ---------------------------------------------------------
    def sign(self, name_or_strokes: str | Iterable[Iterable[InkPoint]]) -> None:
        """Queue a signature: a name to generate strokes from, or strokes of InkPoints (0..1 of the pad)."""
        strokes = name_strokes(name_or_strokes, rate_hz=self.rate_hz) if isinstance(name_or_strokes, str) \
            else name_or_strokes
        packets, previous = [], None
        for stroke in strokes:
            points = list(stroke)
            if not points:
                continue
            # between strokes the pen hovers, and a pad keeps reporting it at its rate
            gap = points[0].t - previous.t if previous else 0.0
            hover = max(HOVER_PACKETS, round(gap * self.rate_hz))
            start = previous or points[0]
            packets += [self._packet(InkPoint(start.x + (points[0].x - start.x) * i / hover,
                                              start.y + (points[0].y - start.y) * i / hover, 0, 0), down=False)
                        for i in range(1, hover + 1)]
            packets += [self._packet(p, down=True) for p in points]
            previous = points[-1]
        if packets:
            packets.append(self._packet(InkPoint(0.5, 0.5, 0, 0), down=False, proximity=False))
        with self._lock:
            self._queue.extend(packets)
            self.signatures_sent += 1
            self._lock.notify_all()

    def replay(self, signature: Signature) -> None:
        """Queue a recorded signature (e.g. ``kiosk.signature.from_record``), with its own timing."""
        self.sign(ink_from_signature(signature))

    def send_raw(self, data: bytes) -> None:
        """Bytes as they are, in order with the packets: junk, recorded streams."""
        with self._lock:
            self._queue.append(bytes(data))
            self._lock.notify_all()

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued has been written."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._queue and not self._replies, timeout)

    def wait_for_command(self, command: bytes, count: int = 1, timeout: float = 5.0) -> bool:
        """Wait until the host has sent ``command`` at least ``count`` times."""
        with self._lock:
            return self._lock.wait_for(lambda: self.commands.count(command) >= count, timeout)

    def host_baud(self) -> int:
        """The baud rate the host set on its end (0 if nobody has opened the port)."""
        with self._lock:
            if self._master < 0:
                return 0
            speed = termios.tcgetattr(self._master)[5]
        return 0 if speed == _SENTINEL_BAUD else _BAUDS.get(speed, -1)

    # --- the pad ----------------------------------------------------------------------------------------
    def _packet(self, point: InkPoint, *, down: bool, proximity: bool = True) -> bytes:
        c = self.capabilities
        x = round(c.min_x + point.x * (c.max_x - c.min_x))
        y = round(c.min_y + point.y * (c.max_y - c.min_y))
        pressure = max(1, round(point.pressure * c.max_pressure)) if down else 0
        return self.spec.encode_pen(x, y, pressure, down, proximity)

    def _on_command(self, command: bytes) -> None:
        self.commands.append(command)
        start_signature = False
        if command == self.spec.start:
            self._streaming, start_signature = True, True
        elif command == self.spec.stop:
            self._streaming = False
            self._queue.clear()
        elif self.protocol == "isdv4" and command == isdv4.CMD_QUERY:
            self._replies.append(isdv4.encode_capabilities(self.capabilities))
        elif self.protocol == "wacom4" and command == wacom4.CMD_MODEL:
            self._replies.append(wacom4.encode_model(self.model))
        elif self.protocol == "wacom4" and command == wacom4.CMD_MAXIMA:
            self._replies.append(wacom4.encode_capabilities(self.capabilities))
        self._lock.notify_all()
        if start_signature and self.auto_sign is not None:
            threading.Thread(target=self.sign, args=(self.auto_sign,), daemon=True).start()

    def _split_commands(self, data: bytes) -> list[bytes]:
        self._command_buf += data
        if self.protocol == "wacom4":
            *done, rest = bytes(self._command_buf).split(b"\r")
            self._command_buf = bytearray(rest)
            return [d.lstrip(b"\r\n") + b"\r" for d in done]
        done, self._command_buf = [bytes((b,)) for b in self._command_buf], bytearray()
        return done

    def _watch_host(self) -> None:
        """Pads without a start command: sign once each time a host opens the port."""
        if self._host_seen or self.auto_sign is None or self.spec.start:
            return
        if termios.tcgetattr(self._master)[5] != _SENTINEL_BAUD:
            self._host_seen = True
            threading.Thread(target=self._sign_for_new_host, daemon=True).start()

    def _sign_for_new_host(self) -> None:
        if not self._stop.wait(0.3 * self.time_scale):  # let the host flush its input first
            self.sign(self.auto_sign if self.auto_sign is not None else "")
            self.drain(timeout=60)
            with self._lock:  # re-arm for the next time the port is opened
                if self._master >= 0:
                    attrs = termios.tcgetattr(self._master)
                    attrs[4] = attrs[5] = _SENTINEL_BAUD
                    termios.tcsetattr(self._master, termios.TCSANOW, attrs)
                    self._host_seen = False

    def _run(self) -> None:
        interval = self.time_scale / self.rate_hz
        next_due = time.monotonic()
        while not self._stop.is_set():
            with self._lock:
                master = self._master
                if master < 0:
                    self._lock.wait(0.05)
                    continue
                self._watch_host()
                sending = bool(self._replies) or (self._streaming and bool(self._queue)) and not self.silent
            wait = max(0.0, next_due - time.monotonic()) if sending else 0.05
            try:
                readable, _, _ = select.select([master], [], [], wait)
                if readable:
                    data = os.read(master, 256)
                    with self._lock:
                        for command in self._split_commands(data):
                            if not self.silent:
                                self._on_command(command)
                if sending and time.monotonic() >= next_due:
                    self._write_next(master)
                    next_due = max(next_due + interval, time.monotonic() - interval)
            except OSError:  # hung up under us, or the host side closed: wait for plug_in
                with self._lock:
                    if self._master == master:
                        self._lock.wait(0.05)

    def _write_next(self, master: int) -> None:
        with self._lock:
            if self._replies:
                chunk = self._replies.popleft()
            elif self._queue and self._streaming:
                chunk = self._queue.popleft()
            else:
                return
            self._lock.notify_all()
        written_at = time.monotonic()
        if self.split_packets and len(chunk) > 1:
            cut = len(chunk) // 2
            os.write(master, chunk[:cut])
            time.sleep(0.001)  # pacing, as a pad's UART would: the host sees two reads
            os.write(master, chunk[cut:])
        else:
            os.write(master, chunk)
        if self.on_written is not None:
            self.on_written(chunk, written_at)


def ink_from_signature(signature: Signature) -> list[list[InkPoint]]:
    """A captured signature as 0..1 ink, for replay on any protocol."""
    d = signature.device
    max_p = max(d.max_pressure, 1e-9)
    return [[InkPoint(x, y, p.t_ms / 1000.0, p.pressure / max_p) for (x, y), p in zip(norm, stroke, strict=True)]
            for norm, stroke in zip(signature.normalised_strokes(), signature.strokes, strict=True)]
