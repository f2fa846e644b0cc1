"""Builds Kiosk Sans SC: the Simplified Chinese face of Noto Sans CJK cut down to what the kiosk draws.

    python -m ui.font_subset --out assets/fonts        # KioskSansSC-Regular.otf, KioskSansSC-Bold.otf

Why: the glyphs the UI draws lie scattered over Debian's 19.5 MB NotoSansCJK-Regular.ttc (JP/KR/SC/TC/HK in
one file), and the kernel maps 64 KB around each page fault, so a few hundred glyphs make the whole file
resident (~23 MB, plus ~7 MB of the Bold one). A subset holding GB 2312, Latin-1, CJK punctuation,
full-width forms and every character of the app's own texts is a few MB and dense. Characters outside it
(rare names such as 䶮 𠮷) still fall back per glyph to the full Noto font and HanaMinB (ui/fonts.py).

The family is renamed so it never shadows the system font; the copyright and OFL licence records stay.
A stamp of the sources' digests makes a rerun with unchanged inputs a no-op. Pure fontTools, no Qt.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
SOURCE_FAMILY = "Noto Sans CJK SC"
FAMILY = "Kiosk Sans SC"
FILE_STEM = "KioskSansSC"
STYLES = ("Regular", "Bold")
STAMP = f"{FILE_STEM}.sources"
# The app's own texts: screens, messages raised to the villager, the catalog, the translations.
TEXT_DIRS = ("ui", "kiosk", "drivers", "sync", "assets/catalog", "assets/translations", "assets/ledgers")
TEXT_SUFFIXES = {".qml", ".py", ".yaml", ".json", ".ts", ".toml", ".js"}
BASE_RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xFF),  # Latin-1
    (0x2000, 0x206F),  # general punctuation: dashes, quotes, ellipsis
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # full-width and half-width forms
    (0xFFFD, 0xFFFD),
)
# Bump when the character set or the subsetting options change, so stamped output is rebuilt.
RECIPE = "3"


def gb2312_characters() -> set[str]:
    """Every character GB 2312 encodes (rows 0xA1-0xF7, cells 0xA1-0xFE; holes are skipped)."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def app_text_characters(root: Path = ROOT) -> set[str]:
    """Every non-ASCII character in the app's source texts (what a screen or a message can show)."""
    chars: set[str] = set()
    for name in TEXT_DIRS:
        for path in sorted((root / name).rglob("*")):
            if path.suffix in TEXT_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                chars.update(ch for ch in path.read_text(encoding="utf-8", errors="ignore") if ord(ch) > 0x7F)
    return chars


def wanted_characters(app_chars: set[str]) -> set[str]:
    """What the subset holds (of it, what the source face has a glyph for)."""
    base = {chr(cp) for first, last in BASE_RANGES for cp in range(first, last + 1)}
    return base | gb2312_characters() | app_chars


def source_path(style: str, noto_dir: Path = NOTO_DIR) -> Path:
    return noto_dir / f"NotoSansCJK-{style}.ttc"


def face_index(ttc: Path, family: str = SOURCE_FAMILY) -> int:
    """The index of ``family`` inside a collection, found by its name table (the order is not promised)."""
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(ttc), lazy=True)
    try:
        for index, font in enumerate(collection.fonts):
            names = font["name"]
            if family in {str(names.getDebugName(i)) for i in (1, 16)}:
                return index
    finally:
        collection.close()
    raise LookupError(f"{family} is not in {ttc}")


def rename(font, style: str) -> None:
    """Give the subset its own family (it must never stand in for the system's Noto) and keep the licence."""
    ps_name = f"{FILE_STEM}-{style}"
    records = {1: FAMILY, 2: style, 3: f"{ps_name};subset of {SOURCE_FAMILY}", 4: f"{FAMILY} {style}", 6: ps_name}
    names = font["name"]
    names.names = [n for n in names.names if n.nameID not in (16, 17, 21, 22, *records)]
    for name_id, text in records.items():
        names.setName(text, name_id, 3, 1, 0x409)  # Windows, Unicode BMP, English
        names.setName(text, name_id, 1, 0, 0)  # Mac Roman, English
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [ps_name]
        top = cff.topDictIndex[0]
        for key, value in (("FamilyName", FAMILY), ("FullName", f"{FAMILY} {style}")):
            if hasattr(top, key):
                setattr(top, key, value)


def drawing_order(chars: set[str], app_chars: set[str]) -> list[str]:
    """Characters in the order their glyphs go into the file: what every session draws first (the app's
    texts, ASCII), then GB 2312's level-1 hanzi (most names and addresses), then the rest."""
    level1 = [bytes((row, cell)).decode("gb2312") for row in range(0xB0, 0xD8) for cell in range(0xA1, 0xFF)
              if (row, cell) < (0xD7, 0xFA)]
    ascii_ = [chr(cp) for cp in range(0x20, 0x7F)]
    first = sorted(app_chars) + ascii_ + level1
    seen = dict.fromkeys(ch for ch in first if ch in chars)
    return [*seen, *sorted(chars - seen.keys())]


def reorder_glyphs(font, order: list[str]) -> None:
    """Lays the CFF charstrings out in ``order``, so the glyphs a session draws share a few pages of the
    mapped file instead of one glyph per 64 KB fault-around window."""
    from fontTools.ttLib.reorderGlyphs import reorderGlyphs

    font.ensureDecompiled()
    old_order = font.getGlyphOrder()
    cmap = font.getBestCmap()
    wanted = [cmap[ord(ch)] for ch in order if ord(ch) in cmap]
    new_order = [old_order[0], *dict.fromkeys(g for g in wanted if g != old_order[0])]
    placed = set(new_order)
    new_order += [g for g in old_order if g not in placed]
    top = font["CFF "].cff.topDictIndex[0]
    if hasattr(top, "FDSelect"):  # reorderGlyphs leaves a CID font's glyph -> FD table in the old order
        old_gid = {name: gid for gid, name in enumerate(old_order)}
        fd_of = [top.FDSelect[old_gid[name]] for name in new_order]
    reorderGlyphs(font, new_order)  # also sorts GSUB/GPOS coverage tables by the new glyph ids
    if hasattr(top, "FDSelect"):
        top.FDSelect.gidArray = fd_of


def build_one(source: Path, style: str, chars: set[str], order: list[str], out: Path) -> Path:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # Noto's own timestamp kept: the same inputs give the same bytes (reproducible .deb)
    font = TTFont(str(source), fontNumber=face_index(source), lazy=False, recalcTimestamp=False)
    options = subset.Options()
    options.name_IDs = ["*"]  # copyright (0), licence (13, 14) and the rest survive; rename() rewrites ours
    options.name_languages = ["*"]
    options.notdef_outline = True
    # fontTools' default features (vertical forms, kerning, ...) less locl: its JP/KR/TC glyph variants
    # double the glyph count, and the kiosk draws Simplified Chinese only
    options.layout_features = [f for f in options.layout_features if f != "locl"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(ch) for ch in chars))
    subsetter.subset(font)
    rename(font, style)
    reorder_glyphs(font, order)
    target = out / f"{FILE_STEM}-{style}.otf"
    partial = target.with_suffix(f".otf.{os.getpid()}.part")  # two builds at once never share one
    font.save(str(partial))
    font.close()
    partial.replace(target)  # a half-written font is never picked up by ui/fonts.py
    return target


def digest(sources: list[Path], order: list[str]) -> str:
    h = hashlib.sha256(RECIPE.encode())
    for path in sources:
        with path.open("rb") as f:
            h.update(hashlib.file_digest(f, "sha256").digest())
    h.update("".join(order).encode())
    return h.hexdigest()


@dataclass
class BuildResult:
    fonts: list[Path]
    rebuilt: bool


def build(out: Path, noto_dir: Path = NOTO_DIR, root: Path = ROOT, force: bool = False) -> BuildResult:
    """Writes the subsets into ``out``; skipped when the stamp says the same sources made them."""
    sources = [source_path(style, noto_dir) for style in STYLES]
    for path in sources:
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: install fonts-noto-cjk")
    app_chars = app_text_characters(root)
    chars = wanted_characters(app_chars)
    order = drawing_order(chars, app_chars)
    stamp = digest(sources, order)
    targets = [out / f"{FILE_STEM}-{style}.otf" for style in STYLES]
    stamp_file = out / STAMP
    built = all(t.is_file() for t in targets) and stamp_file.is_file()
    if not force and built and stamp_file.read_text().strip() == stamp:
        return BuildResult(targets, rebuilt=False)
    out.mkdir(parents=True, exist_ok=True)
    fonts = [build_one(src, style, chars, order, out) for src, style in zip(sources, STYLES, strict=True)]
    stamp_file.write_text(stamp + "\n")
    return BuildResult(fonts, rebuilt=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.font_subset", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="directory for KioskSansSC-*.otf")
    parser.add_argument("--noto-dir", type=Path, default=NOTO_DIR, help="where NotoSansCJK-*.ttc are")
    parser.add_argument("--force", action="store_true", help="rebuild even when the stamp matches")
    args = parser.parse_args(argv)
    try:
        result = build(args.out, args.noto_dir, force=args.force)
    except (FileNotFoundError, LookupError) as exc:
        print(f"font_subset: {exc}", file=sys.stderr)
        return 1
    state = "built" if result.rebuilt else "up to date"
    for path in result.fonts:
        print(f"font_subset: {state} {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
