"""Every screen of the tour in 长辈模式 on the panels village terminals really have: a cheap 1280×720 one and
an upright (立式) 1080×1920 one, both 21.5". Nothing may be cut off, spill out of its panel or off the window,
no two touch targets may overlap, and text and targets keep the 适老化 sizes (ui/walker.py), by screen and
element. One walk through the tour; each stop is checked at both sizes."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from kiosk.config.schema import Config
from tests.ui.support import find, make_app
from ui.screenshots import resize_window
from ui.tour import rendered_screen, tour, wait_until
from ui.walker import Limits, Problem, layout_walk, walk

DESIGNED = (1920, 1080)
PANELS = ((1280, 720), (1080, 1920))


def panel_limits(config: Config, width: int, height: int) -> Limits:
    """The same 21.5" panel at each resolution; upright, its width is the landscape panel's height."""
    ui = config.ui
    width_mm = ui.screen_width_mm * (9 / 16 if height > width else 1)
    return Limits.for_panel(width, width_mm, ui.viewing_distance_cm)


def check_at(app, config: Config, stop: str, size: tuple[int, int]) -> list[Problem]:
    resize_window(app, size)
    app.window.grabWindow()  # renders once: positioners (Column, Grid) place their items at the new size
    screen = f"{stop} {size[0]}×{size[1]}"
    spoken = app.controller.spoken.get(rendered_screen(app), "") or "(layer)"
    return walk(app.window, screen, spoken, panel_limits(config, *size)) + layout_walk(app.window, screen)


def test_every_screen_fits_small_and_upright_panels_in_elder_mode(tour_rig):
    rig = tour_rig
    app = rig.app
    problems: list[Problem] = []
    checked: list[str] = []

    def visit(stop: str) -> None:
        assert app.controller.elderMode
        for size in PANELS:
            problems.extend(check_at(app, rig.config, stop, size))
        resize_window(app, DESIGNED)
        checked.append(stop)

    tour(app, rig, visit, rig.clock)
    assert len(checked) >= 25 and {"Home", "Card", "Form", "Review", "ClerkHome", "DiagPanels"} <= set(checked)
    assert not problems, "\n".join(map(str, problems))


def test_layout_walk_names_screen_and_element_when_wrong(qtbot, tmp_path):
    app = make_app(tmp_path)
    try:
        qtbot.waitExposed(app.window)
        wait_until(lambda: app.controller.spoken.get("Home"))
        resize_window(app, (1280, 720))
        app.window.grabWindow()
        assert layout_walk(app.window, "Home") == []
        tiles = [find(app, f"tile_{key}") for key in ("policy", "rate", "jobs")]
        tiles[0].setProperty("x", tiles[1].x())  # half over the tile beside it…
        tiles[1].setProperty("x", tiles[1].x() + tiles[1].width() / 2)  # …which is half off the window
        tiles[1].setProperty("text", "很长很长的一句话" * 4)
        title = next(i for i in tiles[1].childItems()[0].childItems() if i.property("text") == tiles[1].property("text"))
        title.setProperty("wrapMode", 0)  # Text.NoWrap: the words run past the tile's edge
        tiles[2].setProperty("y", -tiles[2].height() / 2)  # half under the top bar
        problems = [str(p) for p in layout_walk(app.window, "Home 1280×720")]
        assert any(p.startswith("Home 1280×720 / tile_rate") and "off the window" in p for p in problems), problems
        assert any("tile_policy" in p and "overlaps tile_rate" in p for p in problems), problems
        assert any("很长很长" in p and "text cut off" in p for p in problems), problems
        assert any(p.startswith("Home 1280×720 / tile_jobs") and "spills out of" in p for p in problems), problems
        assert tiles[2].mapToScene(QPointF(0, 0)).y() < find(app, "topBar").height()
    finally:
        app.close()
