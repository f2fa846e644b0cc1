import QtQuick
import Kiosk

// A category or service tile: a big word and one line of explanation.
Rectangle {
    id: root
    property alias text: title.text
    property alias hint: sub.text
    property bool available: true
    signal clicked()
    implicitHeight: Theme.target * 2
    radius: Theme.radius
    color: available ? Theme.card : "#E6E6E6"
    border.color: available ? Theme.primary : Theme.line
    border.width: 3
    Column {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.gap
        spacing: Theme.px(8)
        Text {
            id: title
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            font.pixelSize: Theme.title
            font.bold: true
            color: root.available ? Theme.primary : Theme.inkSoft
        }
        Text {
            id: sub
            width: parent.width
            visible: text !== ""
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.pixelSize: Theme.small
            color: Theme.inkSoft
        }
    }
    MouseArea {
        anchors.fill: parent
        enabled: root.available
        onClicked: root.clicked()
    }
}
