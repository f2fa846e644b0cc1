"""The document camera as the rest of the kiosk sees it: a small Protocol for a frame source, a state Enum,
typed errors, and what the preview callback and a capture carry.

Sources: ``opencv_source.OpenCVSource`` (cv2.VideoCapture, V4L2) and ``virtual.VirtualCamera`` (synthetic
scenes). ``service.DocumentCamera`` runs either on the device's worker thread with detection and auto-capture.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from kiosk.errors import DeviceError

if TYPE_CHECKING:  # the kiosk process imports this module without numpy or OpenCV (drivers.camera.process)
    import numpy as np

    from .quality import Quality


log = logging.getLogger(__name__)


class CameraState(enum.Enum):
    CLOSED = "closed"
    STREAMING = "streaming"
    UNPLUGGED = "unplugged"  # absent, or lost mid-preview; the driver keeps trying to reopen it
    NO_SIGNAL = "no_signal"  # black frames
    FROZEN = "frozen"  # the same frame over and over
    BAD_FRAME = "bad_frame"  # frames of the wrong size or type


PREVIEW_INTERVAL_S = 1 / 15 * 0.9  # ≤ 15 previews a second reach the UI (slack: a 15 fps camera loses none)
VIRTUAL_FAULTS = ("black", "frozen", "bad_frame")  # what the virtual camera can be told to do wrong

STATE_MESSAGES = {  # plain Chinese for DeviceStateChanged.message; empty when all is well
    CameraState.CLOSED: "",
    CameraState.STREAMING: "",
    CameraState.UNPLUGGED: "高拍仪未连接，请联系工作人员",
    CameraState.NO_SIGNAL: "高拍仪画面全黑，请检查镜头或灯光",
    CameraState.FROZEN: "高拍仪画面没有变化，请联系工作人员",
    CameraState.BAD_FRAME: "高拍仪画面异常，请联系工作人员",
}


class CameraError(DeviceError):
    code = "camera"
    message = "高拍仪故障，请到窗口办理"


class CameraUnavailable(CameraError):
    code = "camera_unavailable"
    message = "高拍仪未连接，请联系工作人员"


@runtime_checkable
class FrameSource(Protocol):
    """One camera. Every call happens on the camera's worker thread; ``read`` blocks until the next frame."""

    def open(self) -> None:
        """Raises CameraUnavailable when the device is absent."""

    def read(self) -> np.ndarray:
        """The next preview frame (BGR uint8). Raises CameraUnavailable when the device went away."""

    def capture_still(self) -> np.ndarray:
        """One frame at full resolution. Raises CameraUnavailable when the device went away."""

    def close(self) -> None: ...


@dataclass(frozen=True)
class Preview:
    """What the preview callback gets, on the camera thread. ``quad`` is in ``frame`` pixels."""

    frame: np.ndarray
    state: CameraState = CameraState.STREAMING
    quad: tuple[tuple[float, float], ...] | None = None
    hint: str = ""
    progress: float = 0.0
    still_jpeg: bytes | None = None  # set on the preview that follows a capture


@dataclass(frozen=True)
class PreviewImage:
    """A preview as the camera process hands it to the kiosk: already shrunk and in the pixel order the
    scene graph draws (BGRA, ``width * 4`` bytes a row), so the kiosk needs neither numpy nor OpenCV.
    ``pixels`` is only valid during the callback (the buffer is reused for the next frame): copy it.
    No pixels (width 0) means a blank preview: the device is lost, black or frozen, and ``hint`` says so."""

    width: int
    height: int
    pixels: memoryview | bytes
    state: CameraState = CameraState.STREAMING
    quad: tuple[tuple[float, float], ...] | None = None  # in ``pixels`` coordinates
    hint: str = ""
    progress: float = 0.0
    still_jpeg: bytes | None = None  # the captured page, as stored with the transaction
    still: PreviewImage | None = None  # the same page shrunk for the review screen


@dataclass(frozen=True)
class Capture:
    still: np.ndarray  # the full-resolution frame
    page: np.ndarray | None  # rectified to the profile, None when no page was found
    quad: np.ndarray | None  # in still pixels
    confidence: float
    quality: Quality | None
    jpeg: bytes  # the page (or the whole still when no page was found), within the profile's budget


def hand_over(callback: Callable[[object], None] | None, preview: object) -> None:
    """Give a preview to the subscriber, if any: a broken subscriber must not take the camera's thread down."""
    if callback is None:
        return
    try:
        callback(preview)
    except Exception:
        log.exception("camera preview callback failed")
