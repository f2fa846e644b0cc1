"""Seeded synthetic 高拍仪 scenes with known ground truth, for the virtual camera, the tests and the benchmark.

A ``Scene`` is a plain description (document kind and quad in 1280×720 base pixels, background, fingers,
blur, glare, noise, lighting); ``render`` draws it at any size with the quad scaled to match, so the same
scene gives the preview frame and the full-resolution still.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from .geometry import order_quad
from .textures import KINDS, DocumentTextures, texture_size_mm

BASE_SIZE = (1280, 720)
BACKGROUNDS = ("dark", "light", "wood", "cloth", "mat", "clutter")


@dataclass(frozen=True)
class Finger:
    tip: tuple[float, float]  # base pixels, on the document
    base: tuple[float, float]  # base pixels, off the document
    width: float


@dataclass(frozen=True)
class Scene:
    kind: str | None  # a textures.KINDS entry, or None for an empty plate
    quad: np.ndarray | None  # float32 (4, 2), texture corners TL, TR, BR, BL of the texture, in base pixels
    variant: int = 0
    background: str = "dark"
    background_colour: tuple[int, int, int] = (40, 45, 50)
    seed: int = 0
    fingers: tuple[Finger, ...] = ()
    blur_sigma: float = 0.0
    glare: tuple[float, float, float, float] | None = None  # x, y, radius (base px), strength 0..1
    noise_sigma: float = 2.0
    light_gradient: tuple[float, float, float] = (0.0, 0.0, 0.0)  # angle (rad), depth 0..1, spare (kept so seeded sets stay the same)
    tags: tuple[str, ...] = field(default=())

    @property
    def truth(self) -> np.ndarray | None:
        """The ground-truth quad in image order (TL, TR, BR, BL on screen), base pixels."""
        return None if self.quad is None else order_quad(self.quad)


def random_scene(rng: np.random.Generator, kind: str | None = None, *, hard: bool = True) -> Scene:
    """A varied scene: any document kind, pose, background and nuisance; ``hard`` adds fingers, glare, blur."""
    kind = kind or str(rng.choice(KINDS))
    w_mm, h_mm = texture_size_mm(kind)
    frame_w, frame_h = BASE_SIZE
    card = kind in ("id_card_front", "id_card_back", "bank_card")
    area_frac = rng.uniform(0.07, 0.22) if card else rng.uniform(0.22, 0.55)
    scale = math.sqrt(area_frac * frame_w * frame_h / (w_mm * h_mm))  # px per mm
    dw, dh = w_mm * scale, h_mm * scale
    angle = rng.uniform(-25, 25) + (90.0 if rng.random() < 0.25 else 0.0)
    if not card and rng.random() < 0.5:
        angle = 90 + rng.uniform(-12, 12)  # pages often lie landscape under a 16:9 camera
    corners = np.array([[-dw / 2, -dh / 2], [dw / 2, -dh / 2], [dw / 2, dh / 2], [-dw / 2, dh / 2]])
    corners += rng.uniform(-0.035, 0.035, size=(4, 2)) * np.array([dw, dh])  # mild perspective
    rot = np.array([[math.cos(math.radians(angle)), -math.sin(math.radians(angle))],
                    [math.sin(math.radians(angle)), math.cos(math.radians(angle))]])
    corners = corners @ rot.T
    lo, hi = corners.min(axis=0), corners.max(axis=0)
    margin = 12
    span = hi - lo
    if span[0] > frame_w - 2 * margin or span[1] > frame_h - 2 * margin:  # too big after rotation: shrink
        shrink = min((frame_w - 2 * margin) / span[0], (frame_h - 2 * margin) / span[1]) * 0.97
        corners *= shrink
        lo, hi = corners.min(axis=0), corners.max(axis=0)
    cx = rng.uniform(margin - lo[0], frame_w - margin - hi[0])
    cy = rng.uniform(margin - lo[1], frame_h - margin - hi[1])
    quad = (corners + [cx, cy]).astype(np.float32)

    background = str(rng.choice(BACKGROUNDS))
    if background == "light":
        colour = tuple(int(v) for v in rng.integers(150, 205, 3))
    elif background == "dark":
        colour = tuple(int(v) for v in rng.integers(15, 90, 3))
    else:
        colour = tuple(int(v) for v in rng.integers(40, 170, 3))
    fingers: list[Finger] = []
    glare = None
    blur = 0.0
    if hard:
        for _ in range(int(rng.choice([0, 0, 1, 1, 2]))):
            side = int(rng.integers(0, 4))
            a, b = quad[side], quad[(side + 1) % 4]
            t = rng.uniform(0.2, 0.8)
            on_edge = a + (b - a) * t
            outward = np.array([(b - a)[1], -(b - a)[0]])
            outward /= np.linalg.norm(outward)
            if np.dot(outward, on_edge - quad.mean(axis=0)) < 0:
                outward = -outward
            tip = on_edge - outward * rng.uniform(8, 28)
            base = on_edge + outward * rng.uniform(60, 140)
            fingers.append(Finger((float(tip[0]), float(tip[1])), (float(base[0]), float(base[1])),
                                  float(rng.uniform(16, 26))))
        if rng.random() < 0.3:
            g = quad.mean(axis=0) + rng.uniform(-0.3, 0.3, 2) * (quad.max(axis=0) - quad.min(axis=0))
            glare = (float(g[0]), float(g[1]), float(rng.uniform(25, 90)), float(rng.uniform(0.5, 1.0)))
        if rng.random() < 0.3:
            blur = float(rng.uniform(0.8, 2.0))
    return Scene(
        kind=kind, quad=quad, variant=int(rng.integers(0, 4)), background=background, background_colour=colour,
        seed=int(rng.integers(0, 2**31)), fingers=tuple(fingers), blur_sigma=blur, glare=glare,
        noise_sigma=float(rng.uniform(1.0, 6.0)),
        light_gradient=(float(rng.uniform(0, 2 * math.pi)), float(rng.uniform(0.0, 0.4)), float(rng.uniform(0, 1))),
    )


def scene_at(scene: Scene, quad: np.ndarray) -> Scene:
    """The same scene with the document moved (the virtual camera's drift)."""
    return Scene(**{**scene.__dict__, "quad": np.asarray(quad, dtype=np.float32)})


def _background(scene: Scene, w: int, h: int, s: float, rng: np.random.Generator) -> np.ndarray:
    colour = np.array(scene.background_colour, dtype=np.float32)
    img = np.empty((h, w, 3), np.float32)
    img[:] = colour
    if scene.background == "wood":
        yy = np.arange(h, dtype=np.float32)[:, None] / s
        xx = np.arange(w, dtype=np.float32)[None, :] / s
        grain = np.sin(yy * 0.08 + 3 * np.sin(xx * 0.004 + scene.seed % 7)) * 18
        img += grain[:, :, None]
    elif scene.background == "cloth":
        small = rng.normal(0, 22, (max(2, h // 6), max(2, w // 6), 1)).astype(np.float32)
        img += cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)[:, :, None]
    elif scene.background == "mat":
        step = int(40 * s)
        img[::step, :] += 45
        img[:, ::step] += 45
    elif scene.background == "clutter":
        for _ in range(12):
            x0, y0 = int(rng.uniform(0, w)), int(rng.uniform(0, h))
            c = tuple(float(v) for v in rng.uniform(20, 230, 3))
            cv2.line(img, (x0, y0), (x0 + int(rng.uniform(-300, 300) * s), y0 + int(rng.uniform(-300, 300) * s)),
                     c, max(1, int(rng.uniform(1, 6) * s)))
    return img


def render(scene: Scene, textures: DocumentTextures, size: tuple[int, int] = BASE_SIZE) -> tuple[np.ndarray, np.ndarray | None]:
    """Draw the scene at ``size`` (w, h); returns the BGR uint8 frame and the ground-truth quad at that size."""
    w, h = size
    s = w / BASE_SIZE[0]
    rng = np.random.default_rng(scene.seed)
    img = _background(scene, w, h, s, rng)
    truth = None
    if scene.kind is not None and scene.quad is not None:
        tex = textures.get(scene.kind, scene.variant)
        th, tw = tex.shape[:2]
        src = np.array([[0, 0], [tw, 0], [tw, th], [0, th]], dtype=np.float32)
        dst = (scene.quad * s).astype(np.float32)
        m = cv2.getPerspectiveTransform(src, dst)
        warped = cv2.warpPerspective(tex, m, (w, h), flags=cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR,
                                     borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0))
        alpha = warped[:, :, 3:4].astype(np.float32) / 255.0
        # exposure: a camera set for the scene puts white paper near 230, not at clipping
        img = img * (1 - alpha) + warped[:, :, :3].astype(np.float32) * (alpha * 0.9)
        truth = order_quad(dst)
    for finger in scene.fingers:
        tip = np.array(finger.tip) * s
        base = np.array(finger.base) * s
        width = max(2, int(finger.width * s))
        skin = (110 + rng.uniform(-15, 15), 150 + rng.uniform(-15, 15), 205 + rng.uniform(-15, 15))
        cv2.line(img, tuple(int(v) for v in tip), tuple(int(v) for v in base), skin, width, cv2.LINE_AA)
        cv2.circle(img, tuple(int(v) for v in tip), width // 2, skin, -1, cv2.LINE_AA)
    angle, depth, _ = scene.light_gradient
    if depth > 0:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        ramp = (xx * math.cos(angle) + yy * math.sin(angle)) / math.hypot(w, h)
        img *= (1.0 - depth * (ramp - ramp.min()))[:, :, None]
    if scene.glare is not None:
        gx, gy, radius, strength = scene.glare
        yy, xx = np.ogrid[0:h, 0:w]
        d2 = ((xx - gx * s) ** 2 + ((yy - gy * s) * 1.4) ** 2) / (radius * s) ** 2
        img += (np.exp(-d2) * 400 * strength)[:, :, None]
    if scene.blur_sigma > 0:
        img = cv2.GaussianBlur(img, (0, 0), scene.blur_sigma * s)
    if scene.noise_sigma > 0:
        noise = np.empty((h, w, 3), np.float32)
        cv2.setRNGSeed(scene.seed)  # OpenCV's generator is per thread: seed it so frames are reproducible
        cv2.randn(noise, 0, scene.noise_sigma)
        img += noise
    return np.clip(img, 0, 255).astype(np.uint8), truth


def scene_set(seed: int, count: int, *, hard: bool = True) -> list[Scene]:
    """``count`` reproducible scenes from ``seed`` (kinds cycle so every kind is represented)."""
    rng = np.random.default_rng(seed)
    return [random_scene(rng, KINDS[i % len(KINDS)], hard=hard) for i in range(count)]
