"""Rare characters in villagers' names must render as glyphs, never as tofu boxes."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from ui.fonts import FALLBACK_FAMILIES, install_fonts

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


@pytest.fixture
def app_font(qapp):
    families = install_fonts(qapp)
    assert families[:2] == FALLBACK_FAMILIES[:2], "install fonts-noto-cjk and fonts-hanazono"
    return font_of(families)


@pytest.mark.parametrize("ch", RARE)
def test_rare_character_is_a_real_glyph(app_font, ch):
    tofu = render(NOT_A_CHARACTER, app_font)
    glyph = render(ch, app_font)
    assert glyph != tofu, f"{ch} (U+{ord(ch):X}) renders as tofu"
    assert any(glyph.pixelColor(x, y).value() < 128 for x in range(0, 96, 2) for y in range(0, 96, 2))


def test_the_check_catches_tofu(qapp):
    """Control: without the fallback chain, an Ext B character is tofu, and the comparison says so."""
    only_noto = font_of(["Noto Sans CJK SC"], merge=False)
    assert render("𠀀", only_noto) == render(NOT_A_CHARACTER, only_noto)
