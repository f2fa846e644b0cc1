from __future__ import annotations

import cv2
import numpy as np
import pytest

from drivers.camera.profiles import PROFILES, get_profile
from drivers.camera.quality import HINTS, assess
from drivers.camera.rectify import encode, output_size, rectify
from drivers.camera.scene import Scene, render


def _grid(w: int, h: int) -> np.ndarray:
    page = np.full((h, w, 3), 230, np.uint8)
    for x in range(0, w, 40):
        cv2.line(page, (x, 0), (x, h), (20, 20, 20), 3)
    for y in range(0, h, 40):
        cv2.line(page, (0, y), (w, y), (20, 20, 20), 3)
    return page


def test_rectify_restores_a_known_page():
    page = _grid(856, 540)  # an ID-1 card at 10 px/mm
    quad = np.array([[300, 150], [980, 190], [940, 640], [330, 600]], np.float32)
    src = np.array([[0, 0], [855, 0], [855, 539], [0, 539]], np.float32)
    frame = cv2.warpPerspective(page, cv2.getPerspectiveTransform(src, quad), (1280, 720),
                                borderValue=(40, 40, 40))
    out = rectify(frame, quad, get_profile("id_card_front"), enhance=False)
    h, w = out.shape[:2]
    assert w / h == pytest.approx(85.6 / 54.0, rel=0.01)
    expected = cv2.resize(page, (w, h), interpolation=cv2.INTER_AREA)
    assert float(np.abs(out.astype(int) - expected.astype(int)).mean()) < 20  # lines land where they belong
    wrong = rectify(frame, np.roll(quad, 1, axis=0) + 40, get_profile("id_card_front"), enhance=False)
    assert float(np.abs(cv2.resize(wrong, (w, h)).astype(int) - expected.astype(int)).mean()) > 30


def test_portrait_page_stays_portrait_with_the_profile_aspect():
    quad = np.array([[400, 50], [800, 60], [790, 660], [410, 650]], np.float32)
    w, h = output_size(quad, PROFILES["a4"])
    assert h > w and h / w == pytest.approx(297 / 210, rel=0.01)
    w, h = output_size(quad, PROFILES["free"])
    assert h / w == pytest.approx(600 / 390, rel=0.05)  # free keeps what it sees


def test_enhance_flattens_uneven_light(textures):
    page = _grid(800, 560).astype(np.float32)
    page *= np.linspace(0.55, 1.0, 800, dtype=np.float32)[None, :, None]  # dark on the left
    quad = np.array([[0, 0], [799, 0], [799, 559], [0, 559]], np.float32)
    out = rectify(page.astype(np.uint8), quad, get_profile("a4"), enhance=True)
    paper = out[20:35, :, 0]  # a band of paper between grid lines
    assert paper[:, 20:100].mean() == pytest.approx(paper[:, -100:-20].mean(), abs=15)


@pytest.mark.parametrize("fmt", ["jpeg", "webp"])
def test_encode_meets_the_budget(fmt):
    noisy = np.random.default_rng(1).integers(0, 255, (1200, 1600, 3), dtype=np.uint8)
    data = encode(noisy, 150_000, fmt=fmt)
    assert len(data) <= 150_000
    assert cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR) is not None


def _card_scene(**changes) -> Scene:
    base = dict(kind="id_card_front", quad=np.array([[400, 200], [830, 210], [825, 480], [405, 475]], np.float32),
                background="dark", background_colour=(35, 35, 35), seed=2, noise_sigma=2.0)
    return Scene(**{**base, **changes})


def test_a_good_capture_passes(textures):
    frame, truth = render(_card_scene(), textures)
    quality = assess(frame, truth, profile=PROFILES["id_card_front"])
    assert quality.ok and quality.hint == "", quality


def test_blur_is_caught(textures):
    frame, truth = render(_card_scene(blur_sigma=3.0), textures)
    quality = assess(frame, truth)
    assert "blur" in quality.problems and HINTS["blur"] == "请保持不动"


def test_glare_is_caught(textures):
    frame, truth = render(_card_scene(glare=(600.0, 330.0, 70.0, 1.0)), textures)
    quality = assess(frame, truth)
    assert quality.problems[0] == "glare" and quality.hint == "有反光，请调整角度"


def test_skew_is_caught(textures):
    quad = np.array([[400, 200], [830, 260], [760, 480], [420, 470]], np.float32)
    frame, truth = render(_card_scene(quad=quad), textures)
    quality = assess(frame, truth)
    assert quality.skew_deg > 12 and quality.hint == "请把证件放平"


def test_wrong_shape_for_the_profile_is_caught(textures):
    square = np.array([[500, 200], [800, 205], [797, 500], [503, 497]], np.float32)
    frame, truth = render(_card_scene(quad=square), textures)
    assert assess(frame, truth, profile=PROFILES["id_card_front"]).problems == ("aspect",)
    assert assess(frame, truth, profile=PROFILES["free"]).ok


def test_small_and_cut_off_pages(textures):
    small = np.array([[600, 300], [680, 300], [680, 350], [600, 350]], np.float32)
    frame, truth = render(_card_scene(quad=small), textures)
    assert "small" in assess(frame, truth).problems
    edge = np.array([[0, 200], [430, 210], [425, 480], [0, 475]], np.float32)
    frame, truth = render(_card_scene(quad=edge), textures)
    assert assess(frame, truth).problems[0] == "edge"
