"""Perspective correction to the document's true proportions, text enhancement, and encoding to a size budget."""

from __future__ import annotations

import cv2
import numpy as np

from .geometry import order_quad, side_lengths
from .profiles import DocumentProfile


def output_size(quad: np.ndarray, profile: DocumentProfile) -> tuple[int, int]:
    """(width, height) of the rectified page: the profile's aspect, turned the way the page lies in the frame."""
    sides = side_lengths(order_quad(quad))
    seen_w, seen_h = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    seen_long = max(seen_w, seen_h)
    long_side = int(min(profile.output_width_px, round(seen_long * 1.25)))  # never invent much detail
    aspect = profile.aspect or seen_long / max(min(seen_w, seen_h), 1.0)
    short_side = max(1, int(round(long_side / aspect)))
    return (long_side, short_side) if seen_w >= seen_h else (short_side, long_side)


def rectify(image: np.ndarray, quad: np.ndarray, profile: DocumentProfile, *, enhance: bool | None = None) -> np.ndarray:
    """The page inside ``quad`` as a flat, upright-as-placed image with the profile's aspect ratio."""
    w, h = output_size(quad, profile)
    src = order_quad(quad)
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    page = cv2.warpPerspective(image, cv2.getPerspectiveTransform(src, dst), (w, h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)
    if profile.enhance_text if enhance is None else enhance:
        page = enhance_text(page)
    return page


def enhance_text(page: np.ndarray) -> np.ndarray:
    """Flatten uneven light and whiten the paper: divide by a smooth estimate of the paper's brightness."""
    small = cv2.resize(page, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    paper = cv2.dilate(small, np.ones((5, 5), np.uint8))  # ink is darker than paper: the local max is the paper
    paper = cv2.resize(cv2.GaussianBlur(paper, (0, 0), 3), (page.shape[1], page.shape[0]),
                       interpolation=cv2.INTER_LINEAR).astype(np.float32)
    out = page.astype(np.float32) * (245.0 / np.maximum(paper, 1.0))
    return np.clip(out, 0, 255).astype(np.uint8)


def encode(page: np.ndarray, max_bytes: int, *, fmt: str = "jpeg") -> bytes:
    """JPEG or WebP no larger than ``max_bytes``: lower the quality first, then the size."""
    ext, flag = {"jpeg": (".jpg", cv2.IMWRITE_JPEG_QUALITY), "webp": (".webp", cv2.IMWRITE_WEBP_QUALITY)}[fmt]
    image = page
    while True:
        for quality in (92, 85, 75, 65, 55, 45):
            ok, buf = cv2.imencode(ext, image, [flag, quality])
            if not ok:
                raise ValueError(f"could not encode {fmt}")
            if buf.size <= max_bytes:
                return buf.tobytes()
        if min(image.shape[:2]) < 64:
            return buf.tobytes()  # a budget this small cannot be met; the smallest we can make
        image = cv2.resize(image, None, fx=0.8, fy=0.8, interpolation=cv2.INTER_AREA)
