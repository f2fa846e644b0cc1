"""Fonts: Chinese first, with a fallback chain that reaches the rare characters in villagers' names.

Noto Sans CJK SC (Debian ``fonts-noto-cjk``) covers the common set and Ext A; HanaMinB
(``fonts-hanazono``) covers all of Ext B–F, where names such as 王𠮷华 live. Qt falls back per glyph
along the family list, so a name renders even when one character is only in the second font.
Extra font files dropped into assets/fonts/ (e.g. a licensed GB 18030 font) are loaded first.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

log = logging.getLogger(__name__)

FALLBACK_FAMILIES = ["Noto Sans CJK SC", "HanaMinB", "HanaMinA"]
ASSET_FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"


def install_fonts(app: QGuiApplication, extra_dir: Path = ASSET_FONTS) -> list[str]:
    """Set the app font to the fallback chain; returns the families actually available, in order."""
    bundled: list[str] = []
    if extra_dir.is_dir():
        for path in sorted(extra_dir.glob("*.[ot]t[fc]")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            bundled += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    known = set(QFontDatabase.families())
    families = [f for f in bundled + FALLBACK_FAMILIES if f in known]
    if not families:
        log.warning("no CJK font found: install fonts-noto-cjk and fonts-hanazono")
        return []
    font = QFont()
    font.setFamilies(families)
    app.setFont(font)
    return families
