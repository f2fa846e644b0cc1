"""Watch a camera's previews for a moment and say how it is doing: frames per second, resolution, sharpness
and glare of what the driver delivered, with its black / frozen / bad-frame verdicts. Runs where the camera
runs (the camera process, or a technician's tool in-process) and returns plain data, no frames.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import cv2
import numpy as np

from kiosk.diag import Status

from .base import STATE_MESSAGES, CameraState, Preview
from .quality import QualityThresholds, assess

if TYPE_CHECKING:
    from .service import DocumentCamera

GLARE_LEVEL = 250  # grey level treated as clipped
MEASURE_WIDTH = 480  # frames are measured at this width, so the scores do not depend on the sensor


@dataclass(frozen=True)
class FrameMetrics:
    sharpness: float  # variance of the Laplacian (page crop when a page was found, else the whole frame)
    glare: float  # fraction of clipped pixels
    brightness: float  # mean grey level

    def as_dict(self) -> dict:
        return {"sharpness": round(self.sharpness, 1), "glare": round(self.glare, 4),
                "brightness": round(self.brightness, 1)}


def frame_metrics(frame: np.ndarray, quad=None) -> FrameMetrics:
    if quad is not None:
        quality = assess(frame, np.asarray(quad, dtype=np.float32))
        gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        return FrameMetrics(quality.sharpness, quality.glare, float(gray.mean()))
    h, w = frame.shape[:2]
    small = cv2.resize(frame, (MEASURE_WIDTH, max(1, round(h * MEASURE_WIDTH / w))), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    return FrameMetrics(float(cv2.Laplacian(gray, cv2.CV_64F).var()),
                        float(np.count_nonzero(gray >= GLARE_LEVEL)) / gray.size, float(gray.mean()))


class PreviewProbe:
    """A preview callback that counts frames and keeps the latest; runs on the camera thread, cheap."""

    def __init__(self, want_frames: int = 0):
        self._lock = threading.Lock()
        self._enough = threading.Event()
        self._first = threading.Event()
        self._want = want_frames
        self.frames = 0
        self.blanks = 0
        self.first_t: float | None = None
        self.last_t: float | None = None
        self.latest: Preview | None = None
        self.states: dict[str, int] = {}

    def __call__(self, preview: Preview) -> None:
        now = time.monotonic()
        with self._lock:
            self.latest = preview
            self._first.set()
            self.states[preview.state.value] = self.states.get(preview.state.value, 0) + 1
            if preview.state is CameraState.STREAMING:
                self.frames += 1
                self.first_t = self.first_t if self.first_t is not None else now
                self.last_t = now
            else:
                self.blanks += 1
            if self._want and self.frames >= self._want:
                self._enough.set()

    def wait(self, timeout: float) -> bool:
        return self._enough.wait(timeout)

    def wait_first(self, timeout: float) -> bool:
        return self._first.wait(timeout)

    @property
    def fps(self) -> float:
        with self._lock:
            if self.frames < 2 or self.first_t is None or self.last_t is None or self.last_t <= self.first_t:
                return 0.0
            return (self.frames - 1) / (self.last_t - self.first_t)


def measure(camera: DocumentCamera, *, window_s: float = 1.5, want_frames: int = 12, first_frame_s: float = 6.0,
            thresholds: QualityThresholds | None = None) -> tuple[Status, str, dict]:
    """Preview for up to ``first_frame_s`` + ``window_s`` and judge what came: (status, plain Chinese, details)."""
    limits = thresholds or QualityThresholds()
    probe = PreviewProbe(want_frames)
    camera.start(probe)
    try:
        # the first frame may take a while (device open, first detection); the window starts after it
        if probe.wait_first(first_frame_s):
            probe.wait(window_s)
    finally:
        camera.stop()
    state = camera.state
    latest = probe.latest
    details: dict = {"state": state.value, "frames": probe.frames, "blank_previews": probe.blanks,
                     "fps": round(probe.fps, 1), "states_seen": dict(probe.states)}
    if latest is None:
        return Status.FAIL, "高拍仪无画面", details
    if latest.state is not CameraState.STREAMING or probe.frames == 0:
        return Status.FAIL, STATE_MESSAGES.get(latest.state) or "高拍仪无画面", details
    h, w = latest.frame.shape[:2]
    metrics = frame_metrics(latest.frame, latest.quad)
    details.update(width=w, height=h, page_found=latest.quad is not None, **metrics.as_dict())
    if latest.quad is not None and metrics.sharpness < limits.min_sharpness:
        return Status.WARN, f"画面模糊（清晰度{metrics.sharpness:.0f}），请检查对焦", details
    if latest.quad is not None and metrics.glare > limits.max_glare:
        return Status.WARN, f"反光过强（{metrics.glare:.1%}），请调整灯光", details
    return Status.OK, f"{w}×{h}，{probe.fps:.1f}帧/秒", details

