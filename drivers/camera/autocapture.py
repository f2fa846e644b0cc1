"""Auto-capture as a pure state machine fed one observation per preview frame (no threads, no clock).

SEARCHING → (page found, quality ok) → STEADYING → (N frames within the drift bound) → CAPTURING →
the driver takes the full-resolution still and reports back: ok → DONE (until the page is taken away),
not ok → SEARCHING with the still's hint. Manual capture bypasses it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

from .geometry import order_quad
from .quality import Quality

HINT_PLACE = "请把材料放在拍摄区"
HINT_HOLD = "请保持不动"
HINT_DONE = "已拍好，请取走材料"


class AutoState(enum.Enum):
    SEARCHING = "searching"
    STEADYING = "steadying"
    CAPTURING = "capturing"
    DONE = "done"


@dataclass(frozen=True)
class AutoStep:
    state: AutoState
    progress: float  # 0..1, for the ring on the preview
    hint: str
    capture: bool = False  # True exactly once per capture: take the still now


class AutoCapture:
    def __init__(self, *, stable_frames: int = 5, max_drift_fraction: float = 0.012, absent_frames: int = 3):
        self.stable_frames = stable_frames
        self.max_drift_fraction = max_drift_fraction  # of the frame diagonal
        self.absent_frames = absent_frames
        self.reset()

    def reset(self) -> None:
        self.state = AutoState.SEARCHING
        self._anchor: np.ndarray | None = None
        self._count = 0
        self._absent = 0
        self._hint = HINT_PLACE

    def feed(self, quad: np.ndarray | None, quality: Quality | None, frame_size: tuple[int, int]) -> AutoStep:
        """One preview frame's detection (``quad`` None: no page) and its quality; ``frame_size`` is (w, h)."""
        if self.state is AutoState.CAPTURING:
            return AutoStep(self.state, 1.0, HINT_HOLD)
        if self.state is AutoState.DONE:
            self._absent = self._absent + 1 if quad is None else 0
            if self._absent >= self.absent_frames:
                self.reset()
                return AutoStep(self.state, 0.0, HINT_PLACE)
            return AutoStep(self.state, 1.0, HINT_DONE)
        if quad is None:
            self._restart(None, self._hint if self._hint != HINT_HOLD else HINT_PLACE)
            return AutoStep(self.state, 0.0, self._hint)
        quad = order_quad(quad)
        if quality is not None and not quality.ok:
            self._restart(None, quality.hint)
            return AutoStep(self.state, 0.0, self._hint)
        bound = self.max_drift_fraction * float(np.hypot(*frame_size))
        if self._anchor is None or float(np.linalg.norm(quad - self._anchor, axis=1).max()) > bound:
            self._restart(quad, HINT_HOLD)
        self._count += 1
        self.state = AutoState.STEADYING
        if self._count >= self.stable_frames:
            self.state = AutoState.CAPTURING
            return AutoStep(self.state, 1.0, HINT_HOLD, capture=True)
        return AutoStep(self.state, self._count / self.stable_frames, HINT_HOLD)

    def still_checked(self, quality: Quality | None) -> AutoStep:
        """The driver's verdict on the still: None or a failed quality means try again."""
        if quality is not None and quality.ok:
            self.state = AutoState.DONE
            self._absent = 0
            return AutoStep(self.state, 1.0, HINT_DONE)
        self._restart(None, quality.hint if quality is not None else HINT_HOLD)
        return AutoStep(self.state, 0.0, self._hint)

    def _restart(self, anchor: np.ndarray | None, hint: str) -> None:
        self.state = AutoState.SEARCHING
        self._anchor = anchor
        self._count = 0
        self._hint = hint
