"""Rare characters in villagers' names must render as glyphs, never as tofu boxes, with Kiosk Sans SC first."""

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from ui import font_subset
from ui.fonts import ASSET_FONTS, FALLBACK_FAMILIES, SUBSET_FAMILY, install_fonts

RARE = ["𠮷", "䶮", "㑇", "𬱖", "𠀀", "社"]
NOT_A_CHARACTER = "\U0010fffd"  # private use: always drawn as the missing-glyph box


def render(ch: str, font: QFont) -> QImage:
    image = QImage(96, 96, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, ch)
    painter.end()
    return image


def font_of(families: list[str], merge: bool = True) -> QFont:
    font = QFont()
    font.setFamilies(families)
    font.setPixelSize(64)
    if not merge:
        font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    return font


def is_glyph(ch: str, font: QFont) -> bool:
    glyph = render(ch, font)
    inked = any(glyph.pixelColor(x, y).value() < 128 for x in range(0, 96, 2) for y in range(0, 96, 2))
    return inked and glyph != render(NOT_A_CHARACTER, font)


@pytest.fixture
def restore_app_font(qapp):
    font = qapp.font()
    yield
    qapp.setFont(font)


@pytest.fixture
def app_font(qapp, restore_app_font):
    font_subset.build(ASSET_FONTS)  # what scripts/setup.sh does; instant when the stamp matches
    families = install_fonts(qapp)
    assert families[:3] == [SUBSET_FAMILY, *FALLBACK_FAMILIES[:2]], "install fonts-noto-cjk and fonts-hanazono"
    return font_of(families)


@pytest.mark.parametrize("ch", RARE)
def test_rare_character_is_a_real_glyph(app_font, ch):
    assert is_glyph(ch, app_font), f"{ch} (U+{ord(ch):X}) renders as tofu"


def test_the_check_catches_tofu(qapp):
    """Control: without the fallback chain, an Ext B character is tofu, and the comparison says so."""
    only_noto = font_of(["Noto Sans CJK SC"], merge=False)
    assert render("𠀀", only_noto) == render(NOT_A_CHARACTER, only_noto)
    assert not is_glyph("𠀀", only_noto)


def test_the_subset_draws_the_common_characters_and_not_the_rare_ones(app_font):
    """Kiosk Sans SC alone: 社保卡 are its own glyphs; name characters outside GB 2312 (堃, Ext A's 㐂)
    are left to the full fonts, unless the app's own texts use them."""
    from fontTools.ttLib import TTFont

    only_subset = font_of([SUBSET_FAMILY], merge=False)
    assert all(is_glyph(ch, only_subset) for ch in "请插入社保卡，ABC123")
    with TTFont(ASSET_FONTS / "KioskSansSC-Regular.otf") as subset:
        left_out = [ch for ch in "堃㐂㒿" if ord(ch) not in subset.getBestCmap()]
    assert left_out
    for ch in left_out:
        assert not is_glyph(ch, only_subset), ch
        assert is_glyph(ch, app_font), f"{ch} (U+{ord(ch):X}) renders as tofu"


def test_a_missing_subset_falls_back_to_the_full_fonts(qapp, restore_app_font, tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="ui.fonts"):
        families = install_fonts(qapp, font_dirs=(tmp_path / "no-fonts-here", tmp_path))
    assert families[:2] == FALLBACK_FAMILIES[:2]
    assert SUBSET_FAMILY not in families
    assert [r.getMessage() for r in caplog.records if SUBSET_FAMILY in r.getMessage()], "no line logged"
    assert all(is_glyph(ch, font_of(families)) for ch in ["社", "𠮷"])
