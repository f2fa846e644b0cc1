import QtQuick
import Kiosk

// The one button of the kiosk: big, high-contrast, text always visible (colour is never the only cue).
Rectangle {
    id: root
    property alias text: label.text
    property bool primary: false
    property bool danger: false
    property bool compact: false
    signal clicked()
    implicitWidth: Math.max(label.implicitWidth + 2 * Theme.margin, compact ? Theme.target * 1.2 : Theme.target * 2.4)
    // a label that has to wrap (a narrow panel, a long ledger name) makes the button taller, never cut off
    implicitHeight: Math.max(compact ? Math.max(Theme.target * 0.8, Theme.px(64)) : Theme.target,
                             label.implicitHeight + Theme.px(24))
    radius: Theme.radius
    color: !enabled ? "#D9D9D9" : danger ? Theme.danger : primary ? Theme.primary : Theme.secondary
    border.color: primary || danger ? "transparent" : Theme.primary
    border.width: 3
    opacity: area.pressed ? 0.8 : 1
    Text {
        id: label
        anchors.centerIn: parent
        width: parent.width - 24
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        font.pixelSize: Theme.body
        font.bold: true
        color: !root.enabled ? "#3D3D3D" : root.primary || root.danger ? Theme.primaryText : Theme.secondaryText
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: root.clicked()
    }
}
