"""The document camera as the materials screen needs it: preview frames as QImages for an image
provider, the detected page outline, plain-Chinese quality hints, auto-capture progress, and the
captured still as JPEG bytes.

The camera calls ``on_preview`` on its own thread. From the camera process (``drivers.camera.process``, the
kiosk's camera) a preview arrives ready: shrunk, BGRA, the quad in its pixels; the bridge only copies it into a
QImage, so the kiosk never loads numpy or OpenCV. An in-process ``DocumentCamera`` (technicians' tools, tests)
hands over its numpy frame, which is shrunk here. The bridge keeps only the newest and signals the UI at most
15 times a second; the UI thread never touches a numpy array, converts an image or waits.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

from drivers.camera.base import PREVIEW_INTERVAL_S, PreviewImage
from kiosk.events import DeviceStateChanged, EventHub

log = logging.getLogger(__name__)


def bgra_qimage(pixels: Any, width: int, height: int) -> QImage:
    """BGRA bytes → a QImage that owns its pixels. Format_RGB32 (BGRA bytes on little-endian) is what the
    scene graph uploads as is; RGB888 would be converted on the UI (or render) thread for every frame."""
    if not width or not height:
        return QImage()
    return QImage(pixels, width, height, width * 4, QImage.Format.Format_RGB32).copy()


def to_qimage(bgr: Any, width: int | None = None) -> tuple[QImage, float]:
    """A BGR numpy frame (an in-process camera's) → a QImage no wider than ``width``, and the scale applied."""
    from drivers.camera.preview import PREVIEW_WIDTH, shrink_to_bgra

    bgra, scale = shrink_to_bgra(bgr, width or PREVIEW_WIDTH)
    return bgra_qimage(bgra.data, bgra.shape[1], bgra.shape[0]), scale


def still_qimage(jpeg: bytes) -> QImage | None:
    """The captured page for the review screen, from an in-process camera's JPEG."""
    from drivers.camera.preview import decode_still

    bgra = decode_still(jpeg)
    return None if bgra is None else bgra_qimage(bgra.data, bgra.shape[1], bgra.shape[0])


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
        if isinstance(preview, PreviewImage):  # from the camera process: ready to show
            image, scale = bgra_qimage(preview.pixels, preview.width, preview.height), 1.0
            still = bgra_qimage(preview.still.pixels, preview.still.width, preview.still.height) \
                if jpeg and preview.still is not None else None
        else:
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

    def prepare(self) -> None:
        """A service with materials has begun: the camera process (if the camera is one) starts now."""
        prepare = getattr(self.camera, "prepare", None)
        if callable(prepare):
            prepare()

    def release(self) -> None:
        """Between villagers: the camera process (if the camera is one) ends, and its memory with it."""
        release = getattr(self.camera, "release", None)
        if callable(release):
            release()
