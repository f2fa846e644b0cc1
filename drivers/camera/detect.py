"""Page detection: find the document's outline in a camera frame. Pure: numpy + cv2, no state, no threads.

Coarse: several cheap segmentations of a ~320 px copy (distance from the border's background colour, Otsu
on grey in both polarities, closed Canny edges) each give candidate outlines; a morphological opening first
cuts off fingers. Fine: each candidate's four sides are re-found at full resolution by sampling intensity
profiles across the side, taking the strongest edge near it, and fitting a robust line; the corners are the
intersections, so rounded card corners and a finger over part of an edge do not move them. The candidate
whose sides the image supports best wins; its support fraction is the confidence.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

from .geometry import is_convex, order_quad, quad_area

DETECT_WIDTH = 320  # coarse pass width; the fine pass works at the frame's own resolution
MIN_AREA_FRACTION = 0.03  # smaller than a card at the 高拍仪's working distance: not a page
SIDE_SAMPLES = 40


class PageQuad(NamedTuple):
    quad: np.ndarray  # float32 (4, 2): TL, TR, BR, BL in image pixels
    confidence: float  # 0..1: the fraction of sampled edge points that sit on the fitted sides


class InvalidFrame(ValueError):
    """Not a BGR uint8 image (wrong dtype, shape or size)."""


def check_frame(image: object) -> np.ndarray:
    if not isinstance(image, np.ndarray):
        raise InvalidFrame(f"frame is {type(image).__name__}, not a numpy array")
    if image.dtype != np.uint8:
        raise InvalidFrame(f"frame dtype {image.dtype}, expected uint8")
    if image.ndim != 3 or image.shape[2] != 3:
        raise InvalidFrame(f"frame shape {image.shape}, expected (h, w, 3) BGR")
    if image.shape[0] < 64 or image.shape[1] < 64:
        raise InvalidFrame(f"frame {image.shape[1]}x{image.shape[0]} is too small")
    return image


def find_page(image: np.ndarray, *, detect_width: int = DETECT_WIDTH) -> PageQuad | None:
    """The page outline in a BGR frame, or None when no page is in view. Raises InvalidFrame on bad input."""
    image = check_frame(image)
    h, w = image.shape[:2]
    scale = w / detect_width if w > detect_width else 1.0
    small = cv2.resize(image, (round(w / scale), round(h / scale)), interpolation=cv2.INTER_AREA) if scale > 1 else image
    min_area = MIN_AREA_FRACTION * small.shape[0] * small.shape[1]
    candidates = _coarse_candidates(small, min_area)
    if not candidates:
        return None
    best: tuple[float, float, np.ndarray] | None = None
    for coarse in candidates:
        quad = coarse * scale
        refined, support = refine_quad(image, quad, band=max(6, int(4 * scale)))
        if refined is None:
            continue
        refined, support = refine_quad(image, refined, band=3)
        if refined is None:
            continue
        area = quad_area(refined)
        if best is None or _better(support, area, best[0], best[1]):
            best = (support, area, refined)
    if best is None or best[0] < 0.35:
        return None
    return PageQuad(order_quad(best[2]), float(best[0]))


def _better(support: float, area: float, best_support: float, best_area: float) -> bool:
    # An inner rectangle (a photo box, a printed border) can be as well supported as the page edge:
    # among well-supported outlines the larger one is the page.
    if support >= 0.6 and best_support >= 0.6 and abs(support - best_support) <= 0.08:
        return area > best_area * 1.02
    return support > best_support


def _coarse_candidates(small: np.ndarray, min_area: float) -> list[np.ndarray]:
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    lab = cv2.cvtColor(blurred, cv2.COLOR_BGR2Lab).astype(np.int16)
    border = np.concatenate([lab[:2].reshape(-1, 3), lab[-2:].reshape(-1, 3), lab[:, :2].reshape(-1, 3),
                             lab[:, -2:].reshape(-1, 3)])
    background = np.median(border, axis=0)
    diff = np.abs(lab - background)
    distance = np.clip(diff[:, :, 0] * 0.6 + diff[:, :, 1] + diff[:, :, 2], 0, 255).astype(np.uint8)
    gray = cv2.cvtColor(blurred, cv2.COLOR_BGR2GRAY)
    masks = [
        cv2.threshold(distance, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1],
        cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1],
    ]
    outlines = []  # edge chains whose hull could be a page even when the outline has a gap
    for low, high in ((30, 90), (12, 36)):  # the faint pair finds white paper on a light plate
        edges = cv2.dilate(cv2.Canny(gray, low, high), np.ones((3, 3), np.uint8))
        # whatever the edges wall off from the frame border, less the edge band the dilation added
        masks.append(cv2.erode(_enclosed(edges), np.ones((5, 5), np.uint8)))
        outlines = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)[0]
    opening = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))
    quads: list[np.ndarray] = []
    for mask in masks:
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, opening)  # fingers are thinner than the kernel
        mode = cv2.RETR_EXTERNAL
        contours, _ = cv2.findContours(mask, mode, cv2.CHAIN_APPROX_SIMPLE)
        contours = sorted((c for c in contours if cv2.contourArea(c) >= min_area), key=cv2.contourArea,
                          reverse=True)[:3]
        for contour in contours:
            # the hull's polygon, and its bounding rectangle for when a finger or glare bends the hull
            for quad in (_contour_quad(contour), cv2.boxPoints(cv2.minAreaRect(contour)).astype(np.float32)):
                if not any(_same(quad, q) for q in quads):
                    quads.append(quad)
    frame_area = small.shape[0] * small.shape[1]
    hulls = sorted((cv2.convexHull(c) for c in outlines), key=cv2.contourArea, reverse=True)
    for hull in [h for h in hulls if min_area <= cv2.contourArea(h) <= 0.8 * frame_area][:2]:
        quad = _contour_quad(hull)
        if not any(_same(quad, q) for q in quads):
            quads.append(quad)
    return quads


def _enclosed(edges: np.ndarray) -> np.ndarray:
    """Pixels not reachable from the frame border without crossing an edge (a closed outline and its inside)."""
    count, labels = cv2.connectedComponents(cv2.bitwise_not(edges), connectivity=4)
    border = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    outside = np.zeros(count, bool)
    outside[border] = True
    outside[0] = False  # label 0 is the edge pixels themselves
    return np.where(outside[labels], 0, 255).astype(np.uint8)


def _contour_quad(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for eps in (0.02, 0.035, 0.05, 0.08):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float32)
    return cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32)


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    a, b = order_quad(a), order_quad(b)
    return float(np.abs(a - b).max()) < 3.0


def refine_quad(image: np.ndarray, quad: np.ndarray, *, band: int) -> tuple[np.ndarray | None, float]:
    """Re-find each side within ``band`` px of ``quad``; returns the corrected quad and its edge support."""
    quad = order_quad(quad)
    lines = []
    inliers_total = 0
    for i in range(4):
        fit = _fit_side(image, quad[i], quad[(i + 1) % 4], band)
        if fit is None:
            return None, 0.0
        point, direction, inliers = fit
        lines.append((point, direction))
        inliers_total += inliers
    corners = []
    for i in range(4):
        corner = _intersect(lines[i - 1], lines[i])
        if corner is None:
            return None, 0.0
        corners.append(corner)
    refined = np.array(corners, dtype=np.float32)
    h, w = image.shape[:2]
    if (not is_convex(refined) or float(np.abs(refined - quad).max()) > 3 * band + 2
            or refined[:, 0].min() < -2 or refined[:, 1].min() < -2 or refined[:, 0].max() > w + 2
            or refined[:, 1].max() > h + 2):
        return None, 0.0
    step = min(_step_fraction(image, refined[i], refined[(i + 1) % 4]) for i in range(4))
    return refined, inliers_total / (4 * SIDE_SAMPLES) * (0.5 + 0.5 * step)


def _step_fraction(image: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """How much of a side separates two different colours: a page edge does, a ruled line on a mat does not."""
    direction = (b - a) / max(float(np.hypot(*(b - a))), 1e-6)
    normal = np.array([-direction[1], direction[0]], dtype=np.float32)
    t = np.linspace(0.1, 0.9, 16, dtype=np.float32)
    points = a[None, :] + (b - a)[None, :] * t[:, None]
    offsets = np.array([-5, -4, 4, 5], dtype=np.float32)
    coords = (points[:, None, :] + offsets[None, :, None] * normal[None, None, :]).astype(np.float32)
    samples = cv2.remap(image, coords[:, :, 0].copy(), coords[:, :, 1].copy(), cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
    outside, inside = samples[:, :2].mean(axis=1), samples[:, 2:].mean(axis=1)
    return float(np.mean(np.abs(inside - outside).sum(axis=1) > 24.0))


def _fit_side(image: np.ndarray, a: np.ndarray, b: np.ndarray, band: int):
    direction = b - a
    length = float(np.hypot(*direction))
    if length < 8:
        return None
    direction = direction / length
    normal = np.array([-direction[1], direction[0]], dtype=np.float32)
    t = np.linspace(0.08, 0.92, SIDE_SAMPLES, dtype=np.float32)  # keep off rounded corners
    points = a[None, :] + (b - a)[None, :] * t[:, None]
    offsets = np.arange(-band, band + 1, dtype=np.float32)
    coords = points[:, None, :] + offsets[None, :, None] * normal[None, None, :]
    profiles = cv2.remap(image, coords[:, :, 0].copy(), coords[:, :, 1].copy(), cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
    # central differences, smoothed along the side: a blurred, low-contrast edge still beats sensor noise
    grad = np.abs(profiles[:, 2:] - profiles[:, :-2]).sum(axis=2)
    grad[1:-1] = 0.25 * grad[:-2] + 0.5 * grad[1:-1] + 0.25 * grad[2:]
    centres = offsets[1:-1]
    grad *= np.exp(-0.5 * (centres / (band * 0.8)) ** 2)[None, :]  # prefer the expected place
    # The outermost clear peak, not the strongest: a printed border or a text line just inside the page
    # can beat a low-contrast page edge (the sides run clockwise, so the normal points inwards).
    padded = np.pad(grad, ((0, 0), (1, 1)))
    peaks = (grad >= 0.4 * grad.max(axis=1, keepdims=True)) & (grad >= padded[:, :-2]) & (grad >= padded[:, 2:])
    idx = np.argmax(peaks, axis=1)
    rows = np.arange(len(idx))
    strength = grad[rows, idx]
    left = grad[rows, np.maximum(idx - 1, 0)]
    right = grad[rows, np.minimum(idx + 1, grad.shape[1] - 1)]
    denom = left - 2 * strength + right
    sub = np.where(np.abs(denom) > 1e-6, 0.5 * (left - right) / np.where(denom == 0, 1, denom), 0.0)
    position = centres[idx] + np.clip(sub, -0.5, 0.5)
    edge_points = points + position[:, None] * normal[None, :]
    strong = strength > max(20.0, 0.35 * float(np.percentile(strength, 75)))
    pts = edge_points[strong]
    if len(pts) < 6:
        return None
    point, line_dir = _robust_line(pts)
    if point is None:
        return None
    residual = np.abs((edge_points - point) @ np.array([-line_dir[1], line_dir[0]]))
    inliers = int(np.count_nonzero(strong & (residual < 1.5)))
    return point, line_dir, inliers


def _robust_line(pts: np.ndarray):
    vx, vy, x0, y0 = cv2.fitLine(pts, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    point, direction = np.array([x0, y0]), np.array([vx, vy])
    for _ in range(2):  # drop outliers (a finger, a glare spot, text) and refit by least squares
        residual = np.abs((pts - point) @ np.array([-direction[1], direction[0]]))
        keep = pts[residual < 1.5]
        if len(keep) < 5:
            break
        vx, vy, x0, y0 = cv2.fitLine(keep, cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        point, direction = np.array([x0, y0]), np.array([vx, vy])
    return point, direction


def _intersect(l1, l2) -> np.ndarray | None:
    (p1, d1), (p2, d2) = l1, l2
    m = np.array([[d1[0], -d2[0]], [d1[1], -d2[1]]])
    if abs(np.linalg.det(m)) < 1e-6:
        return None
    t = np.linalg.solve(m, p2 - p1)
    return p1 + d1 * t[0]


def classic_baseline(image: np.ndarray) -> np.ndarray | None:
    """The textbook scanner: grey → blur → Canny → the largest contour with a 4-point approxPolyDP.

    Run at 500 px height as the tutorials do; kept as the benchmark's baseline.
    """
    image = check_frame(image)
    h, w = image.shape[:2]
    scale = h / 500.0
    small = cv2.resize(image, (round(w / scale), 500), interpolation=cv2.INTER_AREA)
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    edges = cv2.Canny(gray, 75, 200)
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        approx = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
        if len(approx) == 4:
            return order_quad(approx.reshape(4, 2) * scale)
    return None
