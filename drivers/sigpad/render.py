"""A signature as a PNG: pressure-aware line width, anti-aliased, on white or transparent.

Drawn at 4x with round joins and box-filtered down, which is what anti-aliases (Pillow's own lines are
not). The signature is fitted into the image with a margin, keeping its proportions. Used for the pad
and for sign-on-glass alike.
"""

from __future__ import annotations

import io
from typing import Literal

from PIL import Image, ImageDraw

from kiosk.signature import Signature

SUPERSAMPLE = 4


def render_png(signature: Signature, *, width: int = 800, height: int = 300,
               background: Literal["white", "transparent"] = "white", ink: tuple[int, int, int] = (0, 0, 0),
               min_line: float = 1.5, max_line: float = 6.0, margin: float = 0.06) -> bytes:
    """PNG bytes; line width goes from ``min_line`` (no pressure) to ``max_line`` px (full pressure)."""
    mask = _ink_mask(signature, width, height, min_line, max_line, margin)
    if background == "transparent":
        image = Image.new("RGBA", (width, height), (*ink, 0))
        image.putalpha(mask)
    else:
        image = Image.new("RGB", (width, height), (255, 255, 255))
        image.paste(Image.new("RGB", (width, height), ink), mask=mask)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def _ink_mask(signature: Signature, width: int, height: int, min_line: float, max_line: float,
              margin: float) -> Image.Image:
    s = SUPERSAMPLE
    big = Image.new("L", (width * s, height * s), 0)
    if signature.point_count:
        x0, y0, x1, y1 = signature.box()
        room_w, room_h = width * s * (1 - 2 * margin), height * s * (1 - 2 * margin)
        scale = min(room_w / max(x1 - x0, 1e-9), room_h / max(y1 - y0, 1e-9))
        if x1 - x0 < 1e-9 and y1 - y0 < 1e-9:
            scale = 1.0
        off_x = (width * s - (x1 - x0) * scale) / 2 - x0 * scale
        off_y = (height * s - (y1 - y0) * scale) / 2 - y0 * scale
        max_p = max(signature.device.max_pressure, 1e-9)
        draw = ImageDraw.Draw(big)
        for stroke in signature.strokes:
            pts = [(p.x * scale + off_x, p.y * scale + off_y, s * _line(p.pressure / max_p, min_line, max_line))
                   for p in stroke]
            for (ax, ay, aw), (bx, by, bw) in zip(pts, pts[1:], strict=False):
                draw.line((ax, ay, bx, by), fill=255, width=max(1, round((aw + bw) / 2)))
            for x, y, w in pts:  # round joins and caps; a lone point is a dot
                r = w / 2
                draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
    return big.resize((width, height), Image.Resampling.BOX)


def _line(pressure: float, min_line: float, max_line: float) -> float:
    return min_line + (max_line - min_line) * min(max(pressure, 0.0), 1.0)
