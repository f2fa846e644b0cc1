import QtQuick
import Kiosk

// One device's panel on the diagnostic screen: its worst status in words and colour, and each check's line.
Rectangle {
    id: root
    property var panel
    property bool chosen: false
    signal picked()
    signal run()
    readonly property var words: ({ "ok": qsTr("正常"), "warn": qsTr("注意"), "fail": qsTr("故障"), "skip": qsTr("未配置"), "": qsTr("未检测") })
    color: panel.status === "fail" ? Theme.dangerBg : panel.status === "ok" ? Theme.goodBg
           : panel.status === "warn" ? Theme.warnBg : Theme.card
    radius: Theme.radius
    border.width: chosen ? 5 : 2
    border.color: chosen ? Theme.primary : Theme.line
    objectName: "diagPanel_" + panel.device
    clip: true

    MouseArea { anchors.fill: parent; onClicked: root.picked() }
    Text {
        id: head
        anchors { left: parent.left; top: parent.top; margins: 14 }
        text: panel.title + "  ·  " + root.words[panel.status]
        font.pixelSize: 28; font.bold: true
        color: panel.status === "fail" ? Theme.danger : Theme.ink
    }
    BigButton {
        id: runButton
        anchors { right: parent.right; top: parent.top; margins: 8 }
        compact: true
        text: qsTr("检测")
        enabled: !diag.busy
        onClicked: root.run()
    }
    Column {
        anchors { left: parent.left; right: parent.right; top: runButton.bottom; margins: 14; topMargin: 0 }
        spacing: 0
        Repeater {
            model: panel.lines
            Text {
                width: parent.width
                text: "[" + root.words[modelData.status] + "] " + modelData.title + "：" + modelData.summary
                font.pixelSize: 17
                color: modelData.status === "fail" ? Theme.danger : Theme.ink
                elide: Text.ElideRight
            }
        }
    }
}
