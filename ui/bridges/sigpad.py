"""The signature pad's pen events as ink on screen, and the checks and PNG shared with sign-on-glass.

Strokes are lists of [x, y] in 0..1 of the pad's (or the glass box's) area, so pad and glass draw alike.
"""

from __future__ import annotations

import math
import threading
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from kiosk.events import DeviceStateChanged, EventHub

MIN_POINTS = 12
MIN_LENGTH = 0.35  # in pad widths: a dot or a tick is not a signature


def check_strokes(strokes: list[list[list[float]]]) -> str:
    """A plain-Chinese hint if the signature is too short to count, else ''."""
    points = sum(len(s) for s in strokes)
    length = sum(math.dist(a, b) for s in strokes for a, b in zip(s, s[1:], strict=False))
    if points < MIN_POINTS or length < MIN_LENGTH:
        return "签名太短了，请写上您的完整名字。"
    xs = [p[0] for s in strokes for p in s]
    if max(xs) - min(xs) < 0.1:
        return "签名太窄了，请写大一点。"
    return ""


def render_png(strokes: list[list[list[float]]], width: int = 800, height: int = 300) -> bytes:
    image = QImage(width, height, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("black"), 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for stroke in strokes:
        for a, b in zip(stroke, stroke[1:], strict=False):
            painter.drawLine(QPointF(a[0] * width, a[1] * height), QPointF(b[0] * width, b[1] * height))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


class SigpadBridge(QObject):
    """Collects pen samples on the pad's thread and hands the UI a copy of the strokes, at most ~60/s."""

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
            if down:
                if not self._pen_down:
                    self._strokes.append([])
                self._strokes[-1].append([x, y])
            self._pen_down = down
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
