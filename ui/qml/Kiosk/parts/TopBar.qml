import QtQuick
import Kiosk

// On every screen: 首页, 长辈模式, 语音 and 重听, and the terminal's state in plain words.
Rectangle {
    id: bar
    color: Theme.bar
    implicitHeight: Theme.target + 2 * 16
    Row {
        id: left
        anchors.left: parent.left; anchors.leftMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.gap
        BigButton {
            objectName: "homeButton"
            text: qsTr("回首页")
            visible: kiosk.screen !== "Home"
            onClicked: kiosk.goHome()
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: kiosk.greeting
            font.pixelSize: Theme.body; font.bold: true
            color: Theme.barText
        }
    }
    Text {
        anchors.left: left.right; anchors.leftMargin: Theme.gap
        anchors.right: right.left; anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        horizontalAlignment: Text.AlignRight
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
        anchors.verticalCenter: parent.verticalCenter
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
