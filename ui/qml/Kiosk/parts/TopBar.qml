import QtQuick
import Kiosk

// On every screen: 首页, 长辈模式, 语音 and 重听, and the terminal's state in plain words.
Rectangle {
    id: bar
    color: Theme.bar
    readonly property int rowHeight: Theme.target + 2 * Theme.px(16)
    // too little room between the buttons (an upright or small panel, a long greeting): the terminal's state
    // goes on a line of its own under them, rather than squeezed or cut off
    readonly property real besideWidth: right.x - left.x - left.width - 2 * Theme.gap
    readonly property bool stateBelow: besideWidth < Theme.small * 12
    implicitHeight: rowHeight + (stateBelow ? stateLine.implicitHeight + Theme.px(16) : 0)
    Row {
        id: left
        anchors.left: parent.left; anchors.leftMargin: Theme.gap
        y: (bar.rowHeight - height) / 2
        spacing: Theme.gap
        BigButton {
            id: homeButton
            objectName: "homeButton"
            text: qsTr("回首页")
            visible: kiosk.screen !== "Home"
            onClicked: kiosk.goHome()
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            // never under the switches: a long name is cut with "…" (the greeting is a courtesy, not information)
            width: Math.min(implicitWidth, right.x - Theme.gap * 2 - (homeButton.visible ? homeButton.width + Theme.gap : 0))
            elide: Text.ElideRight
            text: kiosk.greeting
            font.pixelSize: Theme.body; font.bold: true
            color: Theme.barText
        }
    }
    Text {
        id: stateLine
        objectName: "statusLine"
        x: bar.stateBelow ? Theme.gap : left.x + left.width + Theme.gap
        y: bar.stateBelow ? bar.rowHeight : (bar.rowHeight - height) / 2
        width: bar.stateBelow ? bar.width - 2 * Theme.gap : bar.besideWidth
        horizontalAlignment: bar.stateBelow ? Text.AlignLeft : Text.AlignRight
        text: kiosk.statusText
        wrapMode: Text.Wrap  // two lines rather than a sentence cut off mid-word
        maximumLineCount: 2
        elide: Text.ElideRight
        font.pixelSize: Theme.small
        color: Theme.barText
    }
    Row {
        id: right
        anchors.right: parent.right; anchors.rightMargin: Theme.gap
        y: (bar.rowHeight - height) / 2
        spacing: Theme.gap
        Switch2 {
            objectName: "elderSwitch"
            label: qsTr("长辈模式"); checked: kiosk.elderMode
            onToggled: kiosk.elderMode = !kiosk.elderMode
        }
        Switch2 {
            objectName: "voiceSwitch"
            label: qsTr("语音"); checked: kiosk.voiceOn
            onToggled: kiosk.voiceOn = !kiosk.voiceOn
        }
        BigButton {
            objectName: "replayButton"
            text: qsTr("重听")
            compact: true
            visible: kiosk.voiceOn
            onClicked: kiosk.replay()
        }
    }
}
