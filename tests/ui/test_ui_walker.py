"""The accessibility walker itself: it passes the real screens and fails, naming the element, on bad ones."""

from PySide6.QtGui import QColor

from tests.ui.support import find, limits_for, make_app
from ui.tour import wait_until
from ui.walker import Limits, contrast, walk


def test_contrast_formula_known_values():
    assert round(contrast(QColor("black"), QColor("white")), 1) == 21.0
    assert round(contrast(QColor("#767676"), QColor("white")), 2) == 4.54


def test_limits_from_panel_size():
    limits = Limits.for_panel(1920, 476, 60)
    assert 22 < limits.min_text_px < 24  # 5.7 mm at ~4 px/mm
    assert 37 < limits.min_target_px < 40  # 9.5 mm


def test_home_and_browsing_screens_pass_in_elder_mode(qtbot, tmp_path):
    app = make_app(tmp_path)
    try:
        qtbot.waitExposed(app.window)
        c = app.controller
        assert c.elderMode
        for tile, screen in (("", "Home"), ("social", "Services"), ("policy", "Info"), ("rate", "Rating")):
            if tile:
                c.openTile(tile)
            wait_until(lambda screen=screen: c.screen == screen and c.spoken.get(screen))
            problems = walk(app.window, screen, c.spoken[screen], limits_for(app))
            assert not problems, "\n".join(map(str, problems))
    finally:
        app.close()


def test_walker_names_screen_and_element_when_wrong(qtbot, tmp_path):
    app = make_app(tmp_path)
    try:
        qtbot.waitExposed(app.window)
        wait_until(lambda: app.controller.spoken.get("Home"))
        tile = find(app, "tile_policy")
        tile.setProperty("height", 20)
        stack, label = [find(app, "insertCardPanel")], None
        while stack and label is None:
            item = stack.pop()
            label = item if item.property("text") == "请插入社保卡" else None
            stack.extend(item.childItems())
        label.setProperty("color", QColor("#BBBBBB"))
        problems = [str(p) for p in walk(app.window, "Home", "", limits_for(app))]
        assert "Home / screen: no spoken prompt" in problems
        assert any(p.startswith("Home / tile_policy") and "target" in p for p in problems)
        assert any("请插入社保卡" in p and "contrast" in p for p in problems)
    finally:
        app.close()
