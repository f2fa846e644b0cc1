"""Kiosk Sans SC (ui/font_subset.py): what it holds, what it is called, that its glyphs are Noto's own."""

import random

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from ui import font_subset
from ui.fonts import ASSET_FONTS, FALLBACK_FAMILIES

LICENCE_RECORDS = (0, 13, 14)  # copyright, OFL licence text, licence URL


@pytest.fixture(scope="module")
def built():
    font_subset.build(ASSET_FONTS)  # what scripts/setup.sh does; instant when the stamp matches
    return ASSET_FONTS


@pytest.fixture(scope="module", params=font_subset.STYLES)
def pair(request, built):
    """(the SC face inside Debian's collection, the subset built from it) for one weight."""
    src = font_subset.source_path(request.param)
    source = TTFont(str(src), fontNumber=font_subset.face_index(src), lazy=True)
    subset = TTFont(str(built / f"KioskSansSC-{request.param}.otf"))
    yield source, subset
    source.close()
    subset.close()


def missing(chars: set[str], font: TTFont) -> str:
    cmap = font.getBestCmap()
    return "".join(sorted(ch for ch in chars if ord(ch) not in cmap))


def test_gb2312_is_its_7445_characters():
    chars = font_subset.gb2312_characters()
    assert len(chars) == 7445 and {"社", "保", "卡", "，", "①"} <= chars and "堃" not in chars


def test_the_subset_covers_gb2312_and_every_character_of_the_apps_texts(pair):
    source, subset = pair
    assert missing(font_subset.gb2312_characters(), subset) == ""
    app = font_subset.app_text_characters()
    assert {"请", "插", "入", "社", "保", "卡"} <= app
    drawable = app - set(missing(app, source))  # a character Noto itself lacks falls back to HanaMin
    assert missing(drawable, subset) == ""


def test_its_family_is_its_own_and_the_licence_stays(pair):
    source, subset = pair
    names = subset["name"]
    assert names.getDebugName(1) == font_subset.FAMILY
    assert names.getDebugName(1) not in FALLBACK_FAMILIES and "Noto" not in names.getDebugName(6)
    assert subset["CFF "].cff.fontNames == [names.getDebugName(6)]
    for name_id in LICENCE_RECORDS:
        assert names.getDebugName(name_id) == source["name"].getDebugName(name_id), name_id
    assert "SIL Open Font License" in names.getDebugName(13)


def test_glyphs_are_noto_s_own_after_the_reorder(pair):
    """The outlines, advances and the CID font's per-glyph hinting dicts survive the new glyph order."""
    source, subset = pair
    source_cmap, subset_cmap = source.getBestCmap(), subset.getBestCmap()
    source_glyphs, subset_glyphs = source.getGlyphSet(), subset.getGlyphSet()
    sample = random.Random(8).sample(sorted(subset_cmap), 150) + [ord(ch) for ch in "请插入社保卡，Ab1"]
    for cp in sample:
        want, got = RecordingPen(), RecordingPen()
        source_glyphs[source_cmap[cp]].draw(want)
        subset_glyphs[subset_cmap[cp]].draw(got)
        assert (got.value, subset_glyphs[subset_cmap[cp]].width) == (
            want.value, source_glyphs[source_cmap[cp]].width), f"U+{cp:04X}"


def test_the_apps_characters_come_first_in_the_file(pair):
    """Drawing order: the glyphs every session draws are the first ones, so they share a few pages."""
    _, subset = pair
    cmap = subset.getBestCmap()
    app_glyphs = {cmap[ord(ch)] for ch in font_subset.app_text_characters() if ord(ch) in cmap}
    gids = sorted(subset.getGlyphID(g) for g in app_glyphs)
    assert gids[-1] <= len(app_glyphs) + 1, "app glyphs are scattered through the font"
    assert subset.getGlyphID(cmap[ord("社")]) < subset.getGlyphID(cmap[ord("亍")])  # app text before level 2


def test_face_is_found_by_name_not_index(built):
    src = font_subset.source_path("Regular")
    index = font_subset.face_index(src)
    with TTFont(str(src), fontNumber=index, lazy=True) as face:
        assert face["name"].getDebugName(1) == font_subset.SOURCE_FAMILY
    with pytest.raises(LookupError, match="Noto Sans CJK XX"):
        font_subset.face_index(src, "Noto Sans CJK XX")


def test_an_unchanged_rebuild_is_skipped(built):
    before = {p: p.stat().st_mtime_ns for p in built.glob("KioskSansSC-*.otf")}
    result = font_subset.build(built)
    assert not result.rebuilt
    assert {p: p.stat().st_mtime_ns for p in result.fonts} == before


def test_missing_noto_fonts_say_what_to_install(tmp_path, capsys):
    assert font_subset.main(["--out", str(tmp_path / "out"), "--noto-dir", str(tmp_path)]) == 1
    assert "fonts-noto-cjk" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
