"""Preview frames made ready for the screen: shrunk to the size the preview box shows, in BGRA (what Qt's scene
graph uploads as is, ``QImage.Format_RGB32`` on little-endian), and the captured page decoded for review.

OpenCV does the work and lets go of the GIL while it does (``QImage.fromData`` holds it for a whole decode:
measured 35 ms for 2560×1440). Used by the camera process, and by the UI bridge for an in-process camera.
"""

from __future__ import annotations

import cv2
import numpy as np

PREVIEW_WIDTH = 960  # the preview box is ~1100 px wide: a full 1280–4000 px frame is wasted copying
STILL_WIDTH = 1280  # the captured page on the review screen: sharp enough to judge, not a full still


def shrink_to_bgra(bgr: np.ndarray, width: int = PREVIEW_WIDTH) -> tuple[np.ndarray, float]:
    """A BGR frame no wider than ``width``, as contiguous BGRA; returns it and the scale applied."""
    h, w = bgr.shape[:2]
    scale = min(1.0, width / w)
    small = cv2.resize(bgr, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else bgr
    bgra = cv2.cvtColor(small, cv2.COLOR_BGR2BGRA)
    return bgra, bgra.shape[1] / w


def decode_still(jpeg: bytes, width: int = STILL_WIDTH) -> np.ndarray | None:
    """The captured page, BGRA and no wider than ``width``; None when the bytes are not an image."""
    bgr = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    return None if bgr is None else shrink_to_bgra(bgr, width)[0]
