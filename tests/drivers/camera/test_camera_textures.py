"""The virtual camera's document textures: a bounded cache (the demo runs all day) that renders the same
texture again when it is needed again."""

import numpy as np

from drivers.camera.textures import DocumentTextures


def test_keeps_only_the_most_recently_used_and_renders_the_same_again():
    textures = DocumentTextures(keep=2)
    first = textures.get("id_card_front", 1)
    textures.get("id_card_back", 0)
    textures.get("id_card_front", 1)  # used again: now the most recent
    textures.get("bank_card", 2)
    assert textures.cached() == [("id_card_front", 1), ("bank_card", 2)]
    textures.get("a4", 3)
    assert textures.cached() == [("bank_card", 2), ("a4", 3)]
    again = textures.get("id_card_front", 1)
    assert again is not first and np.array_equal(again, first)  # rendered anew, identical (seeded)


def test_unbounded_by_default_and_fonts_let_go_after_each_texture():
    textures = DocumentTextures()
    for variant in range(4):
        textures.get("hukou_page", variant)
    assert len(textures.cached()) == 4
    assert textures._fonts == {}
