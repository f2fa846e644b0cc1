import QtQuick
import Kiosk

// The idle warning covers the whole screen (no floating pop-up) with one big button and a countdown.
Rectangle {
    id: idle
    property string screenName: "Idle"
    property string speech: qsTr("您还在吗？如需继续办理，请点击继续办理。")
    color: Theme.page
    onVisibleChanged: if (visible) kiosk.speak(speech)
    MouseArea { anchors.fill: parent }   // swallow touches meant for the screen below
    Column {
        anchors.centerIn: parent
        width: parent.width * 0.7
        spacing: Theme.gap * 2
        Heading { text: qsTr("您还在吗？"); horizontalAlignment: Text.AlignHCenter; font.pixelSize: Theme.huge }
        Body {
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("%1 秒后将清除本次填写的内容并回到首页，保护您的信息。").arg(kiosk.idleSecondsLeft)
        }
        BigButton {
            objectName: "continueButton"
            anchors.horizontalCenter: parent.horizontalCenter
            width: parent.width * 0.6; height: Theme.target * 1.4
            primary: true
            text: qsTr("继续办理")
            onClicked: kiosk.extendSession()
        }
        BigButton {
            objectName: "endNowButton"
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("结束办理")
            onClicked: kiosk.endSession("logout")
        }
    }
}
