"""The signature pad's pen events as ink on screen. The checks, the record and the PNG are kiosk.signature's
and drivers.sigpad.render's, for the pad and for sign-on-glass alike (ui/capture.py).

Strokes are lists of [x, y] in 0..1 of the pad's (or the glass box's) area, so pad and glass draw alike.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.events import DeviceStateChanged, EventHub

INK_INTERVAL_S = 1 / 30  # the UI redraws the ink at most this often while the pen moves; pen-up always


class SigpadBridge(QObject):
    """Collects pen samples on the pad's thread and hands the UI a copy of the strokes, at most ~30/s
    (a pad sends 100–200 samples/s; each hand-over is a copy and a redraw on the UI thread)."""

    strokesChanged = Signal(list)
    failed = Signal(str)
    stateChanged = Signal()

    def __init__(self, pad: Any | None, events: EventHub, parent: QObject | None = None):
        super().__init__(parent)
        self.pad = pad
        self.ok = pad is not None
        self._lock = threading.Lock()
        self._strokes: list[list[list[float]]] = []
        self._pen_down = False
        self._running = False
        self._last_sent = 0.0
        self._unsubscribe = events.subscribe(DeviceStateChanged, self._on_state)

    def _on_state(self, event: DeviceStateChanged) -> None:
        if event.device == "sigpad":
            self.ok = self.pad is not None and not event.message
            self.stateChanged.emit()  # queued to the UI thread: pad ink or the glass
            if event.message:
                self.failed.emit(event.message)

    def start(self) -> None:
        if self.pad is None or self._running:
            return
        try:
            self.pad.start(self.on_pen)
            self._running = True
        except Exception as exc:  # a pad that won't open: sign on the glass instead
            self.ok = False
            self.failed.emit(getattr(exc, "message", "签名板暂不可用，请在屏幕上签名"))

    def stop(self) -> None:
        if self.pad is not None and self._running:
            self.pad.stop()
            self._running = False

    def on_pen(self, x: float, y: float, down: bool) -> None:
        """Pad thread: one sample, in 0..1 pad coordinates."""
        with self._lock:
            lifted = self._pen_down and not down
            if down:
                if not self._pen_down:
                    self._strokes.append([])
                self._strokes[-1].append([x, y])
            self._pen_down = down
            now = time.monotonic()
            if not lifted and (not down or now - self._last_sent < INK_INTERVAL_S):
                return  # hovering, or drawn again within the interval: the next hand-over carries it
            self._last_sent = now
            copy = [list(s) for s in self._strokes]
        self.strokesChanged.emit(copy)

    def record(self) -> bytes:
        getter = getattr(self.pad, "record", None)
        return getter() if callable(getter) else b""

    def clear(self) -> None:
        with self._lock:
            self._strokes, self._pen_down = [], False
        clearer = getattr(self.pad, "clear", None)
        if callable(clearer):
            clearer()
