"""Pen events to the signature being built and to whoever listens: shared by the serial and virtual pads.

Runs on the pad's worker thread. The UI's callback gets only what it draws: samples with the tip down,
and the one sample where it lifts, in 0..1 of the pad area.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from kiosk.signature import CaptureDevice, Signature, SignatureBuilder, to_record

from .base import PadCapabilities, PenCallback, PenEvent


def capture_device(protocol: str, caps: PadCapabilities, sample_rate_hz: float) -> CaptureDevice:
    return CaptureDevice(kind="pad", model=caps.model, protocol=protocol, max_x=caps.max_x, max_y=caps.max_y,
                         max_pressure=caps.max_pressure, min_x=caps.min_x, min_y=caps.min_y,
                         points_per_mm=caps.points_per_mm, sample_rate_hz=sample_rate_hz)


class PenRouter:
    def __init__(self, device: CaptureDevice, caps: PadCapabilities):
        self._lock = threading.Lock()
        self._builder = SignatureBuilder(device)
        self._caps = caps
        self._on_pen: PenCallback | None = None
        self._listeners: list[Callable[[PenEvent], None]] = []
        self._down = False
        self._last = (0.0, 0.0)  # where the pen was last, 0..1: the lift sample when the pad goes away

    @property
    def capturing(self) -> bool:
        return self._on_pen is not None

    def set_pad(self, device: CaptureDevice, caps: PadCapabilities) -> None:
        with self._lock:
            self._caps = caps
        self._builder.set_device(device)

    def begin(self, on_pen: PenCallback) -> None:
        self._builder.clear()
        with self._lock:
            self._on_pen, self._down = on_pen, False

    def end(self) -> None:
        with self._lock:
            self._on_pen = None
        self.pen_lost()

    def clear(self) -> None:
        self._builder.clear()

    def listen(self, listener: Callable[[PenEvent], None]) -> Callable[[], None]:
        """Every decoded event, captured or not (benchmarks, the technician's CLI)."""
        with self._lock:
            self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def pen_lost(self) -> None:
        """The pad went away or stopped mid-stroke: end the stroke."""
        self._builder.pen_up()
        with self._lock:
            on_pen, was_down, self._down = self._on_pen, self._down, False
        if on_pen is not None and was_down:
            on_pen(*self._last, False)

    def deliver(self, event: PenEvent) -> None:
        with self._lock:
            on_pen, caps, listeners, was_down = self._on_pen, self._caps, list(self._listeners), self._down
            self._down = event.down
        for listener in listeners:
            listener(event)
        if on_pen is None:
            return
        self._builder.add(event.x, event.y, event.pressure, event.down, event.t)
        if event.down or was_down:
            self._last = caps.normalise(event.x, event.y)
            on_pen(*self._last, event.down)

    def signature(self) -> Signature:
        return self._builder.snapshot()

    def record(self) -> bytes:
        return to_record(self.signature())
