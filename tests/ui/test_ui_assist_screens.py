"""The screens of 帮办 and of the 3.0 card's offline ID entry pass the accessibility walker in 长辈模式
(sizes, contrast, a spoken prompt), and their keypads type an ID number with the X check digit."""

import os

import pytest

from drivers.card.gen3 import provisional_holder
from kiosk.config import Config
from kiosk.keys import create_device_keys
from tests.ui.support import find, limits_for, make_app, tap
from ui.tour import wait_until
from ui.walker import walk

SHOTS = os.environ.get("KIOSK_SHOTS")  # a directory: save what was checked, to look at


@pytest.fixture
def app(qtbot, tmp_path):
    create_device_keys(tmp_path / "data", Config().crypto.suite)  # 帮办 names villagers by the device's pseudonym key
    app = make_app(tmp_path)
    qtbot.waitExposed(app.window)
    yield app
    app.close()


def check(app, screen: str) -> None:
    c = app.controller
    wait_until(lambda: c.spoken.get(screen))
    image = app.window.grabWindow()
    if SHOTS:
        image.save(os.path.join(SHOTS, f"{screen}.png"))
    problems = walk(app.window, screen, c.spoken[screen], limits_for(app))
    assert not problems, "\n".join(map(str, problems))


def test_offline_id_entry_screen(app, qtbot):
    c = app.controller
    assert c.elderMode
    c._start_session(provisional_holder("C11223344", "3.00", b"\x01" * 8, "offline"))
    c._go("ConfirmId")
    wait_until(lambda: find(app, "identityPad") is not None)
    for key in "11010519491231002":
        tap(qtbot, app, f"key_{key}")
    tap(qtbot, app, "key_X")
    wait_until(lambda: find(app, "typedIdNumber").property("text") == "11010519491231002X")
    check(app, "ConfirmId")
    tap(qtbot, app, "identityConfirm")
    wait_until(lambda: c.screen == "Card")
    assert c.session.holder.id_number == "11010519491231002X"


def test_assist_screens(app, qtbot):
    clerk, assist = app.clerk, app.clerk.assisting
    assert assist.available
    clerk.show("ClerkAssist")
    wait_until(lambda: find(app, "assistPad") is not None)
    for key in "110105194912310021":  # a wrong check digit, typed on the keypad
        tap(qtbot, app, f"key_{key}")
    check(app, "ClerkAssist")
    assert find(app, "assistIdNumber").property("text") == "110105194912310021"
    clerk.show("ClerkConsent")
    wait_until(lambda: find(app, "consentSheet") is not None)
    check(app, "ClerkConsent")
