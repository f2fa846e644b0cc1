import QtQuick
import Kiosk

// Numeric keypad for ID numbers, phone and bank card numbers, and the card PIN: twelve big keys.
Grid {
    id: pad
    property bool allowX: false
    signal typed(string key)
    columns: 3
    spacing: Theme.gap / 2
    property int key: Theme.target
    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", pad.allowX ? "X" : "", "0", "⌫"]
        Rectangle {
            objectName: "key_" + modelData
            width: pad.key * 1.5; height: pad.key
            radius: Theme.radius
            opacity: modelData === "" ? 0 : 1   // keeps its place in the grid
            color: modelData === "⌫" ? Theme.secondary : Theme.card
            border.color: Theme.primary; border.width: 3
            Text {
                anchors.centerIn: parent
                text: modelData === "⌫" ? qsTr("删除") : modelData
                font.pixelSize: modelData === "⌫" ? Theme.body : Theme.title
                font.bold: true
                color: Theme.ink
            }
            MouseArea { anchors.fill: parent; enabled: modelData !== ""; onClicked: pad.typed(modelData) }
        }
    }
}
