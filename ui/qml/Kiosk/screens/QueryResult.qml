import QtQuick
import Kiosk

// One answer from the county, or plainly why there is none (offline: nothing stale is shown).
ScreenBase {
    screenName: "QueryResult"
    speech: qsTr("这是查询结果。看完请点返回。")
    Column {
        anchors { fill: parent; margins: Theme.margin }
        spacing: Theme.gap
        Heading { objectName: "queryTitle"; text: queries.title }
        Body {
            objectName: "queryMessage"
            visible: text !== ""
            text: queries.message
            font.bold: true
            color: queries.busy ? Theme.ink : Theme.danger
        }
        ListView {
            objectName: "queryRows"
            width: parent.width
            height: parent.height - y - Theme.target - Theme.gap * 2
            clip: true
            spacing: Theme.gap / 2
            model: queries.rows
            delegate: Rectangle {
                width: ListView.view.width
                height: col.implicitHeight + Theme.gap
                radius: Theme.radius
                color: Theme.card
                Column {
                    id: col
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.gap / 2 }
                    Body { text: modelData.title; font.bold: true }
                    Repeater { model: modelData.lines; Body { text: modelData } }
                }
            }
        }
        BigButton { objectName: "queryBack"; text: qsTr("返回"); onClicked: queries.back() }
    }
}
