import QtQuick
import Kiosk

// The card PIN, only for services that need it. Digits are shown as dots and never spoken.
ScreenBase {
    id: screen
    screenName: "Pin"
    speech: qsTr("请用下方数字键输入社保卡密码，输完后点确认。周围有人时请注意遮挡。")
    property string pin: ""
    Grid {  // side by side; stacked on an upright (立式) kiosk
        anchors.centerIn: parent
        columns: Theme.portrait ? 1 : 2
        horizontalItemAlignment: Grid.AlignHCenter
        spacing: Theme.margin * 2
        Column {
            width: Math.min(Theme.px(760), parent.parent.width - 2 * Theme.margin)
            spacing: Theme.gap * 1.5
            Heading { text: qsTr("请输入社保卡密码") }
            Rectangle {
                width: parent.width; height: Theme.target * 1.2
                color: Theme.card; radius: Theme.radius; border.color: Theme.primary; border.width: 3
                Text {
                    objectName: "pinDots"
                    anchors.centerIn: parent
                    text: "●".repeat(screen.pin.length) + "○".repeat(Math.max(0, 6 - screen.pin.length))
                    font.pixelSize: Theme.title; color: Theme.ink; font.letterSpacing: 12
                }
            }
            Body {
                objectName: "pinMessage"
                visible: text !== ""
                text: kiosk.pinMessage
                color: Theme.danger; font.bold: true
            }
            Body { text: qsTr("密码连续输错 3 次会锁卡，忘记密码请到窗口办理。"); font.pixelSize: Theme.small }
            Row {
                spacing: Theme.gap * 2
                BigButton { objectName: "pinBack"; text: qsTr("返回"); onClicked: kiosk.back() }
                BigButton {
                    objectName: "pinConfirm"; primary: true; text: qsTr("确认")
                    enabled: screen.pin.length >= 6 && !kiosk.busy
                    onClicked: { kiosk.verifyPin(screen.pin); screen.pin = "" }
                }
            }
        }
        NumPad {
            objectName: "pinPad"
            onTyped: key => {
                if (key === "⌫") screen.pin = screen.pin.slice(0, -1)
                else if (screen.pin.length < 6) screen.pin += key
            }
        }
    }
}
