"""Quadrilateral helpers shared by detection, rectification, quality checks and the benchmark. Pure numpy/cv2."""

from __future__ import annotations

import cv2
import numpy as np


def order_quad(points: np.ndarray) -> np.ndarray:
    """Four points → float32 (4, 2) in image order: top-left, top-right, bottom-right, bottom-left.

    Sorted by angle around the centroid (robust to any rotation), then rolled so the corner nearest the
    image's top-left (smallest x + y) comes first.
    """
    pts = np.asarray(points, dtype=np.float32).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # clockwise on screen (y points down)
    first = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -first, axis=0)


def quad_area(quad: np.ndarray) -> float:
    return float(abs(cv2.contourArea(np.asarray(quad, dtype=np.float32).reshape(-1, 1, 2))))


def is_convex(quad: np.ndarray) -> bool:
    q = np.asarray(quad, dtype=np.float64).reshape(4, 2)
    crosses = []
    for i in range(4):
        a, b, c = q[i], q[(i + 1) % 4], q[(i + 2) % 4]
        crosses.append((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]))
    crosses = np.array(crosses)
    return bool(np.all(crosses > 0) or np.all(crosses < 0))


def interior_angles(quad: np.ndarray) -> np.ndarray:
    """The four interior angles in degrees."""
    q = np.asarray(quad, dtype=np.float64).reshape(4, 2)
    out = []
    for i in range(4):
        a, b, c = q[i - 1], q[i], q[(i + 1) % 4]
        u, v = a - b, c - b
        cos = np.dot(u, v) / max(np.linalg.norm(u) * np.linalg.norm(v), 1e-9)
        out.append(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))))
    return np.array(out)


def side_lengths(quad: np.ndarray) -> np.ndarray:
    q = np.asarray(quad, dtype=np.float64).reshape(4, 2)
    return np.linalg.norm(q - np.roll(q, -1, axis=0), axis=1)


def polygon_iou(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two convex polygons."""
    a = np.asarray(a, dtype=np.float32).reshape(-1, 2)
    b = np.asarray(b, dtype=np.float32).reshape(-1, 2)
    inter, _ = cv2.intersectConvexConvex(a, b)
    union = quad_area(a) + quad_area(b) - inter
    return float(inter / union) if union > 0 else 0.0


def smartdoc_jaccard(truth: np.ndarray, found: np.ndarray | None) -> float:
    """The SmartDoc-2015 score of one frame: IoU measured in the document's own frame, 0 for a miss.

    The true quad is mapped onto a rectangle of its own proportions by a homography, the found quad through
    the same homography, then polygon IoU; a non-convex (self-intersecting) result counts as 0.
    """
    if found is None:
        return 0.0
    truth = order_quad(truth)
    found = np.asarray(found, dtype=np.float32).reshape(4, 2)
    if not is_convex(found):
        return 0.0
    sides = side_lengths(truth)
    width, height = float(max(sides[0], sides[2])), float(max(sides[1], sides[3]))
    model = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    h = cv2.getPerspectiveTransform(truth, model)
    mapped = cv2.perspectiveTransform(found.reshape(-1, 1, 2), h).reshape(4, 2)
    if not is_convex(mapped):
        return 0.0
    return polygon_iou(model, mapped)
