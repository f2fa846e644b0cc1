import QtQuick
import Kiosk

// An on/off switch that says its state in words ("开"/"关"), not only in colour (MIIT §1.4).
Rectangle {
    id: root
    property string label
    property bool checked: false
    signal toggled()
    implicitWidth: row.implicitWidth + 2 * Theme.gap
    implicitHeight: Math.max(Theme.target * 0.8, Theme.px(64))
    radius: height / 2
    color: checked ? Theme.card : "#D6DCE4"
    border.color: Theme.barText
    border.width: 3
    Row {
        id: row
        anchors.centerIn: parent
        spacing: Theme.px(12)
        Text { text: root.label; font.pixelSize: Theme.small; font.bold: true; color: Theme.ink }
        Text {
            text: root.checked ? qsTr("开") : qsTr("关")
            font.pixelSize: Theme.small; font.bold: true
            color: root.checked ? Theme.good : Theme.ink
        }
    }
    MouseArea { anchors.fill: parent; onClicked: root.toggled() }
}
