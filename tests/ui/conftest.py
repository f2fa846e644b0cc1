import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")  # as ui.app.prepare_environment: the panel is lazy
os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")


@pytest.fixture
def tour_rig(qtbot, tmp_path):
    """The demo rig with a steppable clock and a quick pen, as the tour and screenshots drive it."""
    from dataclasses import replace

    from kiosk.config import Config
    from tests.ui.support import settled
    from ui.demo import DemoRig
    from ui.tour import SteppableClock

    base = Config()
    rig = DemoRig(tmp_path / "data", config=replace(base, card=replace(base.card, read_timeout_s=1.0)),
                  clock=SteppableClock(), pen_speed=0.2)
    app = rig.build_app()
    settled(app)
    yield rig
    app.close()
    rig.close()
