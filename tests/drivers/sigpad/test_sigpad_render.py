"""The PNG render: pixels checked on the decoded image."""

from __future__ import annotations

import io

from PIL import Image

from drivers.sigpad.render import render_png
from drivers.sigpad.scribble import name_strokes
from kiosk.signature import CaptureDevice, from_normalised

PAD = CaptureDevice(kind="pad", max_x=1000, max_y=1000, max_pressure=100, points_per_mm=10)


def _line(pressure: float):
    return from_normalised([[[0.1 + i * 0.01, 0.5, i * 10.0, pressure] for i in range(81)]], PAD)


def _open(png: bytes) -> Image.Image:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(png))


def test_white_background_black_anti_aliased_ink():
    image = _open(render_png(_line(0.5), width=400, height=200)).convert("L")
    assert image.size == (400, 200)
    values = list(image.tobytes())
    assert image.getpixel((0, 0)) == 255 and image.getpixel((399, 199)) == 255
    assert image.getpixel((200, 100)) < 30  # the middle of the line
    assert sum(1 for v in values if 40 < v < 215) > 50  # grey edge pixels: anti-aliased


def test_fits_the_signature_with_a_margin():
    image = _open(render_png(_line(0.5), width=400, height=200, margin=0.1)).convert("L")
    inked = [x for x in range(400) if image.getpixel((x, 100)) < 128]
    assert 35 <= min(inked) <= 45 and 355 <= max(inked) <= 365


def test_more_pressure_draws_a_wider_line():
    def ink(pressure):
        return sum(1 for v in _open(render_png(_line(pressure), width=400, height=200)).convert("L").tobytes()
                   if v < 128)
    light, heavy = ink(0.05), ink(1.0)
    assert heavy > 2.5 * light


def test_transparent_background():
    image = _open(render_png(_line(1.0), width=300, height=100, background="transparent", ink=(0, 0, 120)))
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0
    assert image.getpixel((150, 50)) == (0, 0, 120, 255)


def test_an_empty_signature_is_blank_and_a_name_is_not():
    assert _open(render_png(from_normalised([], PAD))).convert("L").getextrema() == (255, 255)
    name = from_normalised([[[p.x, p.y, p.t * 1000, p.pressure] for p in s] for s in name_strokes("张三")], PAD)
    dark = sum(1 for v in _open(render_png(name)).convert("L").tobytes() if v < 128)
    assert dark > 2000
