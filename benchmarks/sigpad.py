"""Signature pad speed: decoder throughput against the fastest line rate, and pen latency on a real pty.

1. Throughput: each protocol's decoder over a long recorded-style stream in 64-byte reads, against a
   baseline measured here (a bare loop that only tests each byte's sync bit, the least any Python framer
   does) and against the fastest serial line a pad uses (115200 baud = 11520 bytes/s).
2. Latency: the emulator writes a generated signature at a real pad's pace on a pty; the serial driver
   decodes it on its worker thread; we time from os.write to the pen callback (p50/p99; target p99 <= 20 ms),
   against a baseline of the bare pty (write on the master, select + read on the slave) in the same run.
"""

from __future__ import annotations

import os
import select
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drivers.sigpad.emulator import PadEmulator  # noqa: E402
from drivers.sigpad.protocols import PROTOCOLS, decoder_for  # noqa: E402
from drivers.sigpad.scribble import name_strokes  # noqa: E402
from drivers.sigpad.serial_pad import SerialSigpad  # noqa: E402
from kiosk.config.schema import SigpadSection  # noqa: E402
from kiosk.events import EventHub  # noqa: E402

FASTEST_LINE_BYTES_S = 115200 / 10
STREAM_BYTES = 400_000
CHUNK = 64


def _stream(name: str) -> bytes:
    spec = PROTOCOLS[name]
    caps = spec.default_capabilities
    packets = []
    for stroke in name_strokes("张三丰", rate_hz=spec.sample_rate_hz):
        for p in stroke:
            x = round(caps.min_x + p.x * (caps.max_x - caps.min_x))
            y = round(caps.min_y + p.y * (caps.max_y - caps.min_y))
            packets.append(spec.encode_pen(x, y, round(p.pressure * caps.max_pressure), True))
    one = b"".join(packets)
    return (one * (STREAM_BYTES // len(one) + 1))[:STREAM_BYTES]


def _sync_scan(data: bytes) -> int:
    count = 0
    for i in range(0, len(data), CHUNK):
        for b in data[i:i + CHUNK]:
            if b & 0x80:
                count += 1
    return count


def _timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def _decode_all(name: str, data: bytes) -> int:
    decoder = decoder_for(name)
    return sum(len(decoder.feed(data[i:i + CHUNK], 0.0)) for i in range(0, len(data), CHUNK))


def throughput() -> None:
    print("decoder throughput (bytes/s; 64-byte reads)")
    for name in sorted(PROTOCOLS):
        data = _stream(name)
        base = len(data) / _timed(_sync_scan, data)
        rate = len(data) / _timed(_decode_all, name, data)
        print(f"  {name:7s} {rate / 1e6:6.2f} MB/s  = {rate / base:5.2f}x the sync-bit scan baseline "
              f"({base / 1e6:.2f} MB/s), {rate / FASTEST_LINE_BYTES_S:6.0f}x the fastest line (115200 baud)")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def pty_baseline(samples: int = 400) -> list[float]:
    master, slave = os.openpty()
    try:
        import tty
        tty.setraw(slave)
        out: list[float] = []
        for _ in range(samples):
            start = time.monotonic()
            os.write(master, b"\x80")
            select.select([slave], [], [], 1.0)
            os.read(slave, 16)
            out.append(time.monotonic() - start)
        return out
    finally:
        os.close(master)
        os.close(slave)


def latency(name: str) -> list[float]:
    written: list[float] = []
    seen: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, PadEmulator(name, link=Path(tmp) / "pad") as emu:
        emu.on_written = lambda chunk, t: written.append(t) if len(chunk) < 20 else None
        pad = SerialSigpad(SigpadSection(port=emu.path, protocol=name, reopen_interval_s=0.05), EventHub())
        pad.listen(lambda _e: seen.append(time.monotonic()))
        ready = threading.Event()
        pad.start(lambda *_: None)
        while pad.state.value != "capturing" and not ready.wait(0.01):
            pass
        written.clear()
        emu.sign("张三丰")
        emu.drain(timeout=60)
        time.sleep(0.2)  # a benchmark, not a test: let the last callbacks land
        pad.close()
    # the first packet waits for the second (the decoder confirms a lock), so start from the third
    return [s - w for w, s in zip(written[2:], seen[2:], strict=False)]


def main() -> None:
    throughput()
    base = pty_baseline()
    b50, b99 = _percentile(base, 0.5) * 1e3, _percentile(base, 0.99) * 1e3
    print(f"pty baseline: write -> read p50 {b50:.2f} ms, p99 {b99:.2f} ms")
    print("bytes written on the pty -> pen event on the pad's thread (target p99 <= 20 ms)")
    for name in sorted(PROTOCOLS):
        lat = latency(name)
        p50, p99 = _percentile(lat, 0.5) * 1e3, _percentile(lat, 0.99) * 1e3
        print(f"  {name:7s} n={len(lat):4d} p50 {p50:5.2f} ms  p99 {p99:5.2f} ms  "
              f"(bare pty x{p50 / max(b50, 1e-6):.0f} / x{p99 / max(b99, 1e-6):.0f})  {'OK' if p99 <= 20 else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
