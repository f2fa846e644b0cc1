"""Fonts: Chinese first, with a fallback chain that reaches the rare characters in villagers' names.

Kiosk Sans SC (built by ``python -m ui.font_subset``: the SC face of Noto Sans CJK cut down to GB 2312 and
the app's own texts, its glyphs laid out in drawing order) comes first: the full 19.5 MB Noto collection
ends up wholly resident once a few hundred scattered glyphs are drawn, the 2 MB subset only in the pages
a session uses (issue 8). Noto Sans CJK SC (Debian ``fonts-noto-cjk``) covers the common set and Ext A;
HanaMinB (``fonts-hanazono``) covers all of Ext B–F, where names such as 王𠮷华 live. Qt falls back per
glyph along the family list, so a name renders even when one character is only in a later font.
Font files in assets/fonts/ (the generated subset, or e.g. a licensed GB 18030 font) are loaded first;
an installed terminal finds the subset the .deb ships in /usr/share/village-kiosk/fonts.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

log = logging.getLogger(__name__)

SUBSET_FAMILY = "Kiosk Sans SC"
FALLBACK_FAMILIES = ["Noto Sans CJK SC", "HanaMinB", "HanaMinA"]
ASSET_FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
PACKAGED_FONTS = Path("/usr/share/village-kiosk/fonts")  # installer/build-deb.sh puts the subset here
FONT_DIRS = (ASSET_FONTS, PACKAGED_FONTS)


def load_font_files(font_dirs: tuple[Path, ...]) -> list[str]:
    """Registers the font files of ``font_dirs`` with Qt; a file name seen in an earlier dir is skipped
    (a dev machine with the .deb installed would otherwise map both copies)."""
    families: list[str] = []
    loaded: set[str] = set()
    for folder in font_dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.[ot]t[fc]")):
            if path.name in loaded:
                continue
            loaded.add(path.name)
            font_id = QFontDatabase.addApplicationFont(str(path))
            families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return list(dict.fromkeys(families))


def install_fonts(app: QGuiApplication, font_dirs: tuple[Path, ...] = FONT_DIRS) -> list[str]:
    """Set the app font to the fallback chain; returns the families actually available, in order."""
    bundled = load_font_files(font_dirs)
    if SUBSET_FAMILY not in bundled:
        log.info("no %s subset (python -m ui.font_subset --out assets/fonts): drawing from the full Noto font",
                 SUBSET_FAMILY)
    known = set(QFontDatabase.families())
    families = [f for f in dict.fromkeys(bundled + FALLBACK_FAMILIES) if f in known]
    if not families:
        log.warning("no CJK font found: install fonts-noto-cjk and fonts-hanazono")
        return []
    font = QFont()
    font.setFamilies(families)
    app.setFont(font)
    return families
