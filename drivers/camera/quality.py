"""Capture-quality checks on a detected page: sharpness, glare, coverage, skew, each with a plain-Chinese hint."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .geometry import interior_angles, order_quad, quad_area
from .profiles import DocumentProfile

HINTS = {
    "blur": "请保持不动",
    "glare": "有反光，请调整角度",
    "small": "请把材料放在拍摄区中间",
    "edge": "请把材料完整放进拍摄区",
    "skew": "请把证件放平",
    "aspect": "请把证件放平",
}
CHECK_WIDTH = 480  # the page is resampled to this width before measuring, so scores do not depend on distance


@dataclass(frozen=True)
class QualityThresholds:
    min_sharpness: float = 40.0  # variance of the Laplacian on the CHECK_WIDTH crop; calibrated on the renderer
    max_glare: float = 0.02  # fraction of the page at clipping
    min_coverage: float = 0.04  # page area / frame area
    max_skew_deg: float = 12.0  # largest departure of an interior angle from 90°
    max_aspect_error: float = 0.15  # against the profile's aspect, when it has one


@dataclass(frozen=True)
class Quality:
    sharpness: float
    glare: float
    coverage: float
    skew_deg: float
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def hint(self) -> str:
        return HINTS[self.problems[0]] if self.problems else ""


def assess(image: np.ndarray, quad: np.ndarray, *, profile: DocumentProfile | None = None,
           thresholds: QualityThresholds | None = None) -> Quality:
    """Measure the page inside ``quad`` of a BGR frame and list what is wrong, most useful hint first."""
    t = thresholds or QualityThresholds()
    quad = order_quad(quad)
    h, w = image.shape[:2]
    crop = _flat_crop(image, quad)
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    sharpness = float(cv2.Laplacian(gray, cv2.CV_64F).var())
    glare = float(np.count_nonzero(gray >= 250)) / gray.size
    coverage = quad_area(quad) / float(w * h)
    skew = float(np.abs(interior_angles(quad) - 90.0).max())
    problems = []
    if quad[:, 0].min() < 2 or quad[:, 1].min() < 2 or quad[:, 0].max() > w - 3 or quad[:, 1].max() > h - 3:
        problems.append("edge")
    if coverage < t.min_coverage:
        problems.append("small")
    if skew > t.max_skew_deg:
        problems.append("skew")
    elif profile is not None and profile.aspect and _aspect_error(quad, profile.aspect) > t.max_aspect_error:
        problems.append("aspect")
    if glare > t.max_glare:
        problems.append("glare")
    if sharpness < t.min_sharpness:
        problems.append("blur")
    return Quality(sharpness, glare, coverage, skew, tuple(problems))


def _flat_crop(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    sides = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1)
    seen_w, seen_h = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    out_w = CHECK_WIDTH
    out_h = max(16, int(round(CHECK_WIDTH * seen_h / max(seen_w, 1.0))))
    dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float32)
    return cv2.warpPerspective(image, cv2.getPerspectiveTransform(quad, dst), (out_w, out_h), flags=cv2.INTER_AREA)


def _aspect_error(quad: np.ndarray, expected: float) -> float:
    sides = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1)
    a, b = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    seen = max(a, b) / max(min(a, b), 1.0)
    return abs(seen - expected) / expected
