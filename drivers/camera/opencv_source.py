"""The real 高拍仪 through cv2.VideoCapture (V4L2 on the kiosk). Call only from the camera's worker thread."""

from __future__ import annotations

import logging

import cv2
import numpy as np

from .base import CameraUnavailable

log = logging.getLogger(__name__)
STILL_WARMUP_FRAMES = 3  # after a resolution switch the first frames are still the old mode or dark


class OpenCVSource:
    """``device`` is a V4L2 index, a /dev/video path, or (for tests and technicians) a video file."""

    def __init__(self, device: int | str = 0, *, width: int = 1280, height: int = 720,
                 still_width: int = 2592, still_height: int = 1944, autofocus: bool = True):
        self.device = device
        self.preview_size = (width, height)
        self.still_size = (still_width, still_height)
        self.autofocus = autofocus
        self._cap: cv2.VideoCapture | None = None

    def open(self) -> None:
        self.close()
        api = cv2.CAP_V4L2 if isinstance(self.device, int) or str(self.device).startswith("/dev/") else cv2.CAP_ANY
        cap = cv2.VideoCapture(self.device, api)
        if not cap.isOpened():
            cap.release()
            raise CameraUnavailable(detail=f"cannot open camera {self.device!r}")
        self._cap = cap
        self._set_size(self.preview_size)
        cap.set(cv2.CAP_PROP_AUTOFOCUS, 1 if self.autofocus else 0)

    def _set_size(self, size: tuple[int, int]) -> None:
        assert self._cap is not None
        self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, size[0])
        self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, size[1])

    def read(self) -> np.ndarray:
        if self._cap is None:
            raise CameraUnavailable(detail="camera not open")
        ok, frame = self._cap.read()
        if not ok or frame is None:
            self.close()  # unplugged (or the end of a file): reopen from scratch next time
            raise CameraUnavailable(detail=f"camera {self.device!r} stopped delivering frames")
        return frame

    def capture_still(self) -> np.ndarray:
        if self._cap is None:
            raise CameraUnavailable(detail="camera not open")
        if self.still_size == self.preview_size:
            return self.read()
        self._set_size(self.still_size)
        try:
            frame = None
            for _ in range(STILL_WARMUP_FRAMES):
                frame = self.read()
            assert frame is not None
            return frame
        finally:
            if self._cap is not None:
                self._set_size(self.preview_size)

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None
