"""The form's keyboards: Qt Virtual Keyboard pinyin for names and addresses (type pinyin, pick a
candidate), the big numeric keypad for ID, phone and bank card numbers, and inline messages."""

import pytest
from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject
from PySide6.QtQml import QQmlComponent

from kiosk.domain import Holder
from tests.ui.support import find, make_app, tap
from ui.tour import wait_until

ROWS = [
    {"key": "address", "label": "居住地址", "kind": "address", "required": True, "help": "", "options": [],
     "numeric": False, "value": ""},
    {"key": "id_number", "label": "身份证号码", "kind": "id_number", "required": True, "help": "", "options": [],
     "numeric": True, "value": ""},
]
VKB_HELPER = b"""
import QtQuick
import QtQuick.VirtualKeyboard
QtObject {
    function ready() { return InputContext.inputEngine.inputMethod !== null }
    function typeText(s) {
        for (var i = 0; i < s.length; ++i)
            InputContext.inputEngine.virtualKeyClick(Qt.Key_A + s.charCodeAt(i) - 97, s[i], 0)
        return InputContext.inputEngine.wordCandidateListModel.count
    }
    function candidate(i) { return InputContext.inputEngine.wordCandidateListModel.dataAt(i, 0) }
    function pick(i) { InputContext.inputEngine.wordCandidateListModel.selectItem(i); return true }
}
"""


@pytest.fixture
def app(qtbot, tmp_path):
    """The app on the form screen with an address field (pinyin) and an ID field (keypad)."""
    app = make_app(tmp_path)
    open_form(app)
    yield app
    app.close()


def open_form(app):
    c = app.controller
    c._start_session(Holder(id_number="110105195803070011", name="张三"))
    c._fields = [dict(r) for r in ROWS]
    c.formChanged.emit()
    c._go("Form")
    wait_until(lambda: find(app, "field_address") is not None)


def test_pinyin_on_the_virtual_keyboard(qtbot, app):
    tap(qtbot, app, "field_address")
    wait_until(lambda: find(app, "inputPanel").isVisible())
    component = QQmlComponent(app.engine)
    component.setData(VKB_HELPER, app.engine.baseUrl())
    helper = component.create()
    assert helper is not None, component.errorString()
    # the panel is built once the field has focus (Main.qml); its layout then sets the pinyin input method
    wait_until(lambda: QMetaObject.invokeMethod(helper, "ready", Q_RETURN_ARG("QVariant")))
    count = QMetaObject.invokeMethod(helper, "typeText", Q_RETURN_ARG("QVariant"), Q_ARG("QVariant", "shebao"))
    assert count > 0
    first = QMetaObject.invokeMethod(helper, "candidate", Q_RETURN_ARG("QVariant"), Q_ARG("QVariant", 0))
    assert first == "社保"
    QMetaObject.invokeMethod(helper, "pick", Q_RETURN_ARG("QVariant"), Q_ARG("QVariant", 0))
    wait_until(lambda: app.controller.session.form_values.get("address") == "社保")
    assert find(app, "field_address").property("text") == "社保"


def test_numeric_keypad_with_x_for_id_and_inline_error(qtbot, app):
    tap(qtbot, app, "field_id_number")
    wait_until(lambda: find(app, "formPad").isVisible())
    panel = find(app, "inputPanel")
    assert panel is None or not panel.isVisible()  # no system keyboard for numbers
    for key in "11010519580307001":
        tap(qtbot, app, f"key_{key}")
    tap(qtbot, app, "key_X")
    wait_until(lambda: app.controller.session.form_values.get("id_number") == "11010519580307001X")
    tap(qtbot, app, "key_⌫")
    wait_until(lambda: app.controller.session.form_values.get("id_number") == "11010519580307001")
    app.controller._errors = {"id_number": "身份证号码不对，请核对"}
    app.controller.errorsChanged.emit()
    wait_until(lambda: find(app, "error_id_number").isVisible())
    assert "身份证号码不对" in find(app, "error_id_number").property("text")


def test_the_keyboard_exists_only_from_a_text_field_to_the_wipe(qtbot, app):
    """Issue 8: no InputPanel (pinyin engine, layouts: ~15 MB) until an editable field takes focus, the screen
    above it ends where the keyboard begins, and the wipe drops it with the villager's input state."""
    loader = find(app, "keyboardLoader")
    assert loader.property("item") is None and find(app, "inputPanel") is None  # the form is up, nothing focused
    tap(qtbot, app, "field_id_number")  # a keypad field (readOnly) wants no keyboard
    wait_until(lambda: find(app, "formPad").isVisible())
    assert loader.property("item") is None
    tap(qtbot, app, "field_address")
    wait_until(lambda: find(app, "inputPanel") is not None and find(app, "inputPanel").isVisible())
    wait_until(lambda: loader.y() + loader.height() == app.window.height())  # slid fully in
    screen = find(app, "screenLoader")
    assert screen.mapToScene(screen.boundingRect().bottomLeft()).y() == loader.y()
    app.controller.endSession("test")
    wait_until(lambda: loader.property("item") is None)
    assert not loader.isVisible()
