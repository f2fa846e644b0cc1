"""The document camera as the materials screen needs it: preview frames as QImages for an image
provider, the detected page outline, plain-Chinese quality hints, auto-capture progress, and the
captured still as JPEG bytes.

The driver calls ``on_preview`` on its own thread with each preview (a numpy BGR frame plus, when the
driver has run detection, its quad / hint / progress). The bridge shrinks it to the preview size, in the
pixel format the scene graph draws without converting, keeps only the newest, and signals the UI at most
15 times a second; the UI thread never touches a numpy array, converts an image or waits.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import cv2
import numpy as np
from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

from kiosk.events import DeviceStateChanged, EventHub

log = logging.getLogger(__name__)
PREVIEW_WIDTH = 960  # the preview box is ~1100 px wide: a full 1280–4000 px frame is wasted copying
STILL_WIDTH = 1280  # the captured page on the review screen: sharp enough to judge, not a full still
PREVIEW_INTERVAL_S = 1 / 15 * 0.9  # ≤ 15 previews a second (with slack, so a 15 fps camera loses none)


def to_qimage(bgr: Any, width: int = PREVIEW_WIDTH) -> tuple[QImage, float]:
    """A BGR numpy frame → a QImage no wider than ``width``; returns it and the scale applied.
    Format_RGB32 (BGRA bytes on little-endian) is what the scene graph uploads as is; RGB888 would be
    converted on the UI (or render) thread for every frame."""
    h, w = bgr.shape[:2]
    scale = min(1.0, width / w)
    small = cv2.resize(bgr, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else bgr
    bgra = cv2.cvtColor(small, cv2.COLOR_BGR2BGRA)
    sh, sw = bgra.shape[:2]
    image = QImage(bgra.data, sw, sh, bgra.strides[0], QImage.Format.Format_RGB32).copy()  # owns its pixels
    return image, sw / w


def still_qimage(jpeg: bytes) -> QImage | None:
    """The captured page for the review screen. Decoded by OpenCV, which lets go of the GIL while it works:
    ``QImage.fromData`` holds it for the whole decode (measured 35 ms for 2560×1440, the UI thread frozen)."""
    bgr = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    return None if bgr is None else to_qimage(bgr, STILL_WIDTH)[0]


class CameraImages(QQuickImageProvider):
    """``image://camera/live/<n>`` and ``image://camera/still/<n>``: the newest frame and the capture."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._lock = threading.Lock()
        self.live = QImage()
        self.still = QImage()

    def set(self, which: str, image: QImage) -> None:
        with self._lock:
            setattr(self, which, image)

    def clear(self) -> None:
        self.set("live", QImage())
        self.set("still", QImage())

    def requestImage(self, ident: str, size: QSize, requested: QSize) -> QImage:  # noqa: N802 (Qt API)
        with self._lock:
            image = self.still if ident.startswith("still") else self.live
        if image.isNull():
            image = QImage(16, 9, QImage.Format.Format_RGB888)
            image.fill(0x202020)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image


class CameraBridge(QObject):
    frame = Signal(int, list, str, float)  # serial, quad in preview-image pixels, hint, auto-capture progress
    captured = Signal(bytes)  # JPEG of the rectified page
    failed = Signal(str)

    def __init__(self, camera: Any, events: EventHub, parent: QObject | None = None):
        super().__init__(parent)
        self.camera = camera
        self.images = CameraImages()
        self.ok = True
        self._serial = 0
        self._running = False
        self._last_preview = 0.0
        self._lock = threading.Lock()
        self._unsubscribe = events.subscribe(DeviceStateChanged, self._on_state)

    def _on_state(self, event: DeviceStateChanged) -> None:
        if event.device == "camera":
            self.ok = not event.message
            if event.message:
                self.failed.emit(event.message)

    def start(self, profile: str) -> None:
        with self._lock:
            if self._running:
                self.camera.stop()
            self._running = True
        try:
            self.camera.start(self.on_preview, profile=profile)
        except Exception as exc:  # unplugged between screens: say so, keep the kiosk going
            self.ok = False
            log.warning("camera start failed: %s", exc)
            self.failed.emit(getattr(exc, "message", "高拍仪暂不可用，请到窗口办理"))

    def stop(self) -> None:
        with self._lock:
            if not self._running:
                return
            self._running = False
        self.camera.stop()

    def capture_now(self) -> None:
        trigger = getattr(self.camera, "capture_now", None)
        if callable(trigger):
            trigger()

    def on_preview(self, preview: Any) -> None:
        """Camera thread: one preview (``.frame`` BGR, optional ``.quad``/``.hint``/``.progress``/``.still_jpeg``)."""
        if not self._running:
            return
        jpeg = getattr(preview, "still_jpeg", None)
        now = time.monotonic()
        if not jpeg and now - self._last_preview < PREVIEW_INTERVAL_S:
            return  # a faster camera: the eye gains nothing from more, the UI thread pays for each
        self._last_preview = now
        image, scale = to_qimage(preview.frame)
        still = still_qimage(jpeg) if jpeg else None
        with self._lock:  # a frame still in flight when the session is wiped must not land afterwards
            if not self._running:
                return
            self.images.set("live", image)
            if still is not None:
                self.images.set("still", still)
        quad = [[float(x) * scale, float(y) * scale] for x, y in (getattr(preview, "quad", None) or [])]
        self._serial += 1
        self.frame.emit(self._serial, quad, str(getattr(preview, "hint", "") or ""),
                        float(getattr(preview, "progress", 0.0) or 0.0))
        if jpeg:
            self.captured.emit(bytes(jpeg))

    def clear(self) -> None:
        self.images.clear()
        self._serial = 0
