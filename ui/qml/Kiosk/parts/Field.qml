import QtQuick
import QtQuick.Controls.Basic
import Kiosk

// One large text input. Pinyin fields use the Qt Virtual Keyboard; numeric ones open the big keypad.
TextField {
    id: field
    property bool numeric: false
    property string errorText: ""
    font.pixelSize: Theme.body
    color: Theme.ink
    placeholderTextColor: Theme.inkSoft
    implicitHeight: Theme.target
    leftPadding: Theme.gap; rightPadding: Theme.gap
    readOnly: numeric   // the keypad types into it; no system keyboard pops up
    inputMethodHints: numeric ? Qt.ImhDigitsOnly : Qt.ImhNone
    background: Rectangle {
        color: Theme.card
        radius: Theme.radius / 2
        border.width: field.activeFocus || field.errorText !== "" ? 4 : 2
        border.color: field.errorText !== "" ? Theme.danger : field.activeFocus ? Theme.primary : Theme.line
    }
}
