"""Signing on the glass when there is no pad: ink follows the finger, a scribble too short is refused
with a hint, clear works, and the accepted signature becomes a PNG in the session."""

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from kiosk.domain import Holder
from tests.ui.support import find, make_app, tap
from ui.tour import wait_until


def drag(app, item, points):
    window = app.window
    scene = [item.mapToScene(QPointF(x * item.width(), y * item.height())).toPoint() for x, y in points]
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, scene[0])
    for p in scene[1:]:
        QTest.mouseMove(window, p)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, scene[-1])


def test_sign_on_glass(qtbot, tmp_path):
    app = make_app(tmp_path)
    try:
        c = app.controller
        c._start_session(Holder(id_number="110105195803070011", name="张三"))
        c._go("Signature")
        wait_until(lambda: find(app, "signatureSheet") is not None)
        sheet = find(app, "signatureSheet")
        drag(app, sheet, [(0.3, 0.5), (0.32, 0.52)])
        wait_until(lambda: len(c.capture.strokes) == 1)
        tap(qtbot, app, "signConfirm")
        wait_until(lambda: "太短" in c.capture.signatureHint)
        assert c.session.signature_png == b""
        tap(qtbot, app, "signClear")
        wait_until(lambda: not c.capture.strokes)
        drag(app, sheet, [(0.1 + i * 0.02, 0.5 + (0.1 if i % 2 else -0.1)) for i in range(30)])
        drag(app, sheet, [(0.5, 0.3), (0.55, 0.7), (0.6, 0.3)])
        wait_until(lambda: len(c.capture.strokes) == 2)
        tap(qtbot, app, "signConfirm")
        wait_until(lambda: c.session.signature_png.startswith(b"\x89PNG"))
        assert c.screen == "Review"
    finally:
        app.close()
