"""The tour behind ``make screenshots`` (and the walker, and the benchmark) renders every screen of
ui/qml/Kiosk/screens in 长辈模式 and in normal mode: a new screen without a tour stop fails here, by name."""

import re
from pathlib import Path

from PySide6.QtGui import QImage

from ui.screenshots import save_tour

SCREENS = Path(__file__).resolve().parents[2] / "ui" / "qml" / "Kiosk" / "screens"
SCREEN_NAME = re.compile(r'^\s*screenName:\s*"(\w+)"', re.MULTILINE)


def registered_screens() -> set[str]:
    """Every screen the app can load: each declares its ``screenName`` (parts/ScreenBase.qml)."""
    return {m.group(1) for path in SCREENS.glob("*.qml") for m in [SCREEN_NAME.search(path.read_text())] if m}


def test_registered_screens_are_found():
    screens = registered_screens()
    assert {"Home", "Card", "ConfirmId", "ClerkLogin", "QueryProof", "Diag"} <= screens
    assert "QueryLayer" not in screens and "DiagPanel" not in screens  # layers and parts are not screens


def test_tour_renders_every_screen_in_both_modes(tour_rig, tmp_path):
    rig = tour_rig
    out = tmp_path / "shots"
    out.mkdir()
    saved = save_tour(rig.app, rig, rig.clock, out)
    rendered = {screen for _stop, screen, _path in saved}
    assert rendered == registered_screens(), (f"no tour stop for: {sorted(registered_screens() - rendered)}; "
                                              f"not a screen: {sorted(rendered - registered_screens())}")
    modes = {}
    for stop, _screen, path in saved:
        modes.setdefault(stop, set()).add(path.stem.rsplit("-", 1)[1])
        image = QImage(str(path))
        assert image.width() == rig.app.window.width() and not image.isNull(), path
    assert all(m == {"elder", "normal"} for m in modes.values()), modes
