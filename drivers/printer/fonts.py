"""CJK fonts for printed documents, with a per-character fallback for rare name characters.

reportlab embeds only TrueType outlines, and Noto Sans/Serif CJK ship as CFF (.ttc with PostScript
outlines), so printed documents use HanaMin from fonts-hanazono: HanaMinA covers the BMP (CJK Unified
Ideographs + Ext A), HanaMinB the supplementary planes (Ext B–F), where rare names like 𠮷 live.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from .base import PrinterError

# Debian's fonts-hanazono paths; other distros are searched by file name under /usr/share/fonts.
_CANDIDATES = {
    "KioskHanaMinA": ("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", "HanaMinA.ttf"),
    "KioskHanaMinB": ("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", "HanaMinB.ttf"),
}


class FontMissing(PrinterError):
    code = "printer_font_missing"
    message = "打印字体缺失，请联系技术人员"


def _find(path: str, file_name: str) -> Path:
    if Path(path).exists():
        return Path(path)
    for found in Path("/usr/share/fonts").rglob(file_name):
        return found
    raise FontMissing(detail=f"{file_name} not found (install fonts-hanazono)")


@dataclass(frozen=True)
class FontSet:
    """Registered font names, main first; ``runs`` picks the first that has each character."""

    names: tuple[str, ...]

    def runs(self, text: str) -> list[tuple[str, str]]:
        """Split text into (font name, substring) runs so each character is drawn by a font that has it."""
        runs: list[tuple[str, str]] = []
        for char in text:
            font = next((n for n in self.names if ord(char) in _cmap(n)), self.names[0])
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + char)
            else:
                runs.append((font, char))
        return runs

    def missing(self, text: str) -> str:
        """The characters no font has (drawn as a box): the caller can log how many, never which."""
        return "".join(c for c in text if not c.isspace() and all(ord(c) not in _cmap(n) for n in self.names))

    def width(self, text: str, size: float) -> float:
        return sum(pdfmetrics.stringWidth(part, font, size) for font, part in self.runs(text))


class _SupplementaryAwareTTFont(TTFont):
    """reportlab writes each ToUnicode entry as ``<%04X>``, so 𠮷 (U+20BB7) reads back as U+20BB and a
    rare name copies or searches wrong. After reportlab has made its objects, rewrite the entries above
    U+FFFF as the UTF-16 surrogate pair the PDF spec asks for (ISO 32000-1 §9.10.3)."""

    def addObjects(self, doc):
        subsets = [list(subset) for subset in self.state[doc].subsets]  # reportlab drops the state
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            if all(code <= 0xFFFF for code in subset):
                continue
            name = (b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + name)
            if stream is None:
                raise RuntimeError(f"reportlab changed: no ToUnicode CMap named for subset {name}")
            stream.content = re.sub(
                r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>",
                lambda m: f"<{m.group(1)}> <{_utf16_hex(int(m.group(2), 16))}>",
                stream.content,
            )


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


def _cmap(name: str) -> dict[int, int]:
    return pdfmetrics.getFont(name).face.charToGlyph


def load_fonts() -> FontSet:
    """Register the fonts with reportlab (its registry is process-wide; registering twice is a no-op)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, (path, file_name) in _CANDIDATES.items():
        if name not in registered:
            pdfmetrics.registerFont(_SupplementaryAwareTTFont(name, str(_find(path, file_name))))
    return FontSet(tuple(_CANDIDATES))
