import QtQuick
import Kiosk

ScreenBase {
    screenName: "Done"
    speech: qsTr("谢谢您的评价。办理完成，请取回您的社保卡。")
    Column {
        anchors.centerIn: parent
        width: parent.width * 0.7
        spacing: Theme.gap * 2
        Heading { text: qsTr("办理完成，谢谢！"); horizontalAlignment: Text.AlignHCenter; font.pixelSize: Theme.huge; color: Theme.good }
        Body { horizontalAlignment: Text.AlignHCenter; text: kiosk.hasCard ? qsTr("请取回您的社保卡。") : qsTr("欢迎再来。") }
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: Theme.gap * 2
            BigButton { objectName: "moreServices"; visible: kiosk.hasCard; text: qsTr("办理其他事项"); onClicked: kiosk.openTile("social") }
            BigButton { objectName: "finishButton"; primary: true; text: qsTr("结束"); onClicked: kiosk.endSession("done") }
        }
    }
}
