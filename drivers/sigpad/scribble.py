"""Generated handwriting: signature-like strokes for the emulator, the virtual pad, tests and the demo.

A name of one to four characters becomes, per character, a few brush strokes of the kinds Chinese
characters are made of (横 竖 撇 捺 点 折), written at a human pace with a pressure swell. The shapes are
seeded from the name, so the same name always gives the same signature; nothing about the name is kept.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class InkPoint:
    x: float  # 0..1 of the pad width
    y: float  # 0..1 of the pad height, downwards
    t: float  # seconds since the first point
    pressure: float  # 0..1


# Each stroke kind: control points in a unit character box (x right, y down).
_SHAPES = {
    "横": ((0.1, 0.45), (0.5, 0.42), (0.9, 0.40)),
    "竖": ((0.5, 0.08), (0.52, 0.5), (0.5, 0.92)),
    "撇": ((0.6, 0.15), (0.45, 0.55), (0.12, 0.88)),
    "捺": ((0.35, 0.3), (0.6, 0.65), (0.92, 0.85)),
    "点": ((0.45, 0.12), (0.5, 0.18), (0.55, 0.26)),
    "折": ((0.15, 0.2), (0.85, 0.18), (0.8, 0.85)),
}
_KINDS = tuple(_SHAPES)


def _curve(points, s: float) -> tuple[float, float]:
    """A point at ``s`` in 0..1 along a quadratic Bézier through three control points."""
    (x0, y0), (x1, y1), (x2, y2) = points
    a, b, c = (1 - s) ** 2, 2 * (1 - s) * s, s * s
    return a * x0 + b * x1 + c * x2, a * y0 + b * y1 + c * y2


def name_strokes(name: str, *, rate_hz: float = 133.0) -> list[list[InkPoint]]:
    """Strokes for a signature of ``name`` sampled at ``rate_hz``; blank names give two characters."""
    chars = [c for c in name if not c.isspace()][:4] or ["签", "名"]
    seed = hashlib.sha256(name.encode("utf-8")).digest()
    rng, shake = random.Random(seed), random.Random(seed[::-1])  # shapes alike at any sample rate
    width = 0.8 / len(chars)
    strokes, t = [], 0.0
    for index, _char in enumerate(chars):
        left = 0.1 + index * width
        for _ in range(rng.randint(3, 6)):
            kind = rng.choice(_KINDS)
            scale, dx, dy = rng.uniform(0.75, 1.0), rng.uniform(-0.08, 0.08), rng.uniform(-0.08, 0.08)
            shape = [(left + (px * scale + dx) * width, 0.2 + (py * scale + dy) * 0.6) for px, py in _SHAPES[kind]]
            duration = rng.uniform(0.08, 0.14) if kind == "点" else rng.uniform(0.18, 0.4)
            samples = max(3, int(duration * rate_hz))
            stroke = []
            for i in range(samples):
                s = i / (samples - 1)
                eased = 0.5 - 0.5 * math.cos(math.pi * s)  # slow in, slow out, like a hand
                x, y = _curve(shape, eased)
                jitter = 0.002
                stroke.append(InkPoint(min(max(x + shake.uniform(-jitter, jitter), 0.0), 1.0),
                                       min(max(y + shake.uniform(-jitter, jitter), 0.0), 1.0),
                                       round(t + s * duration, 4),
                                       round(0.25 + 0.65 * math.sin(math.pi * min(max(s, 0.05), 0.95)), 3)))
            strokes.append(stroke)
            t += duration + rng.uniform(0.08, 0.2)
        t += 0.15
    return strokes
