import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")  # as ui.app.prepare_environment: the panel is lazy
os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")


def fast_config():
    """Defaults, but a mute card gives up after 1 s instead of 5 (the tests insert one)."""
    from dataclasses import replace

    from kiosk.config.schema import Config

    base = Config()
    return replace(base, card=replace(base.card, read_timeout_s=1.0))


@pytest.fixture
def rig(qtbot, tmp_path):
    """The demo rig (real store, catalog, virtual devices) with the app on it, closed afterwards."""
    from tests.ui.support import settled
    from ui.demo import DemoRig
    from ui.tour import SteppableClock

    rig = DemoRig(tmp_path / "data", config=fast_config(), clock=SteppableClock(), pen_speed=0.2)
    rig.temp_root = tmp_path / "tmp"
    rig.temp_root.mkdir()
    app = rig.build_app()
    app.controller.d.temp_root = str(rig.temp_root)
    settled(app)
    yield rig
    app.close()
    rig.close()
