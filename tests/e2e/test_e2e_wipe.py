"""Idle timeout and card removal in the middle of a form: afterwards nothing of the villager is left in
the UI's models, the session objects, the QML item tree, the temp folder, or the home screen's pixels."""

from PySide6.QtCore import QCoreApplication, QRect

from tests.ui.support import tap
from ui.tour import fill_form, pick_services, wait_until

NAME_PARTS = ("欧阳", "𠮷", "䶮", "㑇", "520102")


def all_texts(app) -> list[str]:
    texts, stack = [], [app.window.contentItem()]
    while stack:
        item = stack.pop()
        for prop in ("text", "placeholderText"):
            value = item.property(prop)
            if isinstance(value, str) and value:
                texts.append(value)
        stack.extend(item.childItems())
    return texts


def home_regions(app):
    """The top bar (greeting, status) and the tiles: everything on the home screen but the card animation."""
    app.speaker.wait_idle(5000)  # the "no speaker" notice strip must be settled in both pictures
    for _ in range(3):
        QCoreApplication.processEvents()
    image = app.window.grabWindow()
    w, h = image.width(), image.height()
    return image.copy(QRect(0, 0, w, 130)), image.copy(QRect(int(w * 0.4), 220, int(w * 0.6), h - 220))


def half_done(rig):
    """A rare-name villager with a form half filled and one material captured."""
    c = rig.app.controller
    rig.insert_card("rare")
    wait_until(lambda: c.cardState == "ok")
    c.chooseService(pick_services(c.d.catalog)["materials"])
    c.beginService()
    wait_until(lambda: c.screen == "Form")
    fill_form(c)
    c.submitForm()
    wait_until(lambda: c.screen == "Materials")
    rig.show_document(c.capture.current()["profile"])
    wait_until(lambda: c.capture.materialReview, 20)
    c.capture.acceptMaterial()
    assert c.session.materials and any(p in t for t in all_texts(rig.app) for p in ("欧***㑇",))
    rig.take_away()
    return c.session


def assert_no_trace(rig, before):
    c, app = rig.app.controller, rig.app
    wait_until(lambda: c.screen == "Home" and c.session is None)
    app.window.grabWindow()
    assert c.greeting == "" and c.fields == [] and c.reviewRows == [] and dict(c.receipt) == {}
    assert c.capture.strokes == [] and c.capture.materialCount == 0
    assert app.camera.images.still.isNull() and app.camera.images.live.isNull()
    texts = " ".join(all_texts(app))
    assert not any(p in texts for p in NAME_PARTS + ("欧***㑇",))
    assert list(rig.temp_root.iterdir()) == []
    assert home_regions(app) == before


def test_idle_timeout_wipes_everything(rig, qtbot):
    before = home_regions(rig.app)
    session = half_done(rig)
    c = rig.app.controller
    rig.clock.advance(c._policy().warning_after_s + 1)
    c.check_idle()
    wait_until(lambda: c.idleSecondsLeft >= 20)
    rig.clock.advance(c._policy().countdown_s + 1)
    c.check_idle()
    assert session.wiped and session.holder is None and not session.materials and not session.form_values
    rig.remove_card()
    assert_no_trace(rig, before)


def test_card_removed_mid_form_asks_then_wipes(rig, qtbot):
    before = home_regions(rig.app)
    session = half_done(rig)
    c = rig.app.controller
    rig.remove_card()
    wait_until(lambda: c.screen == "Leave")
    assert not session.wiped  # asked first: the villager may put the card back
    tap(qtbot, rig.app, "leaveEnd")
    assert_no_trace(rig, before)
    assert session.wiped


def test_card_put_back_resumes(rig):
    session = half_done(rig)
    c = rig.app.controller
    rig.remove_card()
    wait_until(lambda: c.screen == "Leave")
    rig.insert_card("rare")
    wait_until(lambda: c.screen == "Materials")
    assert c.session is session and session.materials
