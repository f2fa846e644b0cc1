import QtQuick
import Kiosk

// The card came out in the middle of a form: ask before throwing the work away.
ScreenBase {
    screenName: "Leave"
    speech: qsTr("社保卡已拔出。要继续办理，请把卡插回去；要结束，请点结束办理。")
    Column {
        anchors.centerIn: parent
        width: parent.width * 0.7
        spacing: Theme.gap * 2
        Heading { text: qsTr("社保卡已拔出"); horizontalAlignment: Text.AlignHCenter; font.pixelSize: Theme.huge }
        Body { horizontalAlignment: Text.AlignHCenter; text: qsTr("要继续办理，请把同一张卡插回去。结束办理会清除已填写的内容。") }
        BigButton {
            objectName: "leaveEnd"
            anchors.horizontalCenter: parent.horizontalCenter
            primary: true; text: qsTr("结束办理")
            onClicked: kiosk.endSession("card_removed")
        }
    }
}
