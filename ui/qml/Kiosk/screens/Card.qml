import QtQuick
import Kiosk

// Reading the card, the greeting, or what went wrong and what to do next.
ScreenBase {
    screenName: "Card"
    speech: kiosk.cardState === "reading" ? qsTr("正在读卡，请不要拔卡。")
          : kiosk.cardState === "ok" ? qsTr("读卡成功。请选择要办理的事项。")
          : kiosk.cardMessage + kiosk.cardAdvice

    Column {
        anchors.centerIn: parent
        width: parent.width * 0.7
        spacing: Theme.gap * 2
        Heading {
            objectName: "cardTitle"
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.huge
            color: kiosk.cardState === "error" ? Theme.danger : Theme.ink
            text: kiosk.cardState === "reading" ? qsTr("正在读卡，请稍候…")
                : kiosk.cardState === "ok" ? qsTr("您好，%1").arg(kiosk.maskedName)
                : kiosk.cardMessage
        }
        Rectangle {   // progress: a bar that keeps moving while the card is read
            visible: kiosk.cardState === "reading"
            width: parent.width; height: 24; radius: 12; color: Theme.secondary
            Rectangle {
                width: parent.width * 0.3; height: parent.height; radius: 12; color: Theme.primary
                SequentialAnimation on x {
                    running: kiosk.cardState === "reading"; loops: Animation.Infinite
                    NumberAnimation { from: 0; to: parent.width * 0.7; duration: 900 }
                    NumberAnimation { from: parent.width * 0.7; to: 0; duration: 900 }
                }
            }
        }
        Body {
            objectName: "cardAdvice"
            horizontalAlignment: Text.AlignHCenter
            visible: text !== ""
            text: kiosk.cardState === "ok" ? qsTr("已读取您的社保卡。请选择要办理的事项。")
                : kiosk.cardState === "error" ? kiosk.cardAdvice : qsTr("请不要拔卡。")
        }
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: Theme.gap * 2
            visible: kiosk.cardState !== "reading"
            BigButton {
                objectName: "startButton"
                visible: kiosk.cardState === "ok"
                primary: true
                text: kiosk.pendingService !== "" ? qsTr("继续办理") : qsTr("选择事项")
                onClicked: kiosk.afterGreeting()
            }
            BigButton {
                objectName: "backHomeButton"
                visible: kiosk.cardState === "error"
                primary: true
                text: qsTr("回到首页")
                onClicked: kiosk.goHome()
            }
        }
    }
}
