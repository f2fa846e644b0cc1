import QtQuick
import Kiosk

// 我的查询 starts with the card PIN: the county answers only the card holder, and only after VERIFY.
ScreenBase {
    id: screen
    screenName: "QueryPin"
    speech: qsTr("查询个人信息需要输入社保卡密码。请用下方数字键输入，输完后点确认。周围有人时请注意遮挡。")
    property string pin: ""
    Grid {  // side by side; stacked on an upright (立式) kiosk
        anchors.centerIn: parent
        columns: Theme.portrait ? 1 : 2
        horizontalItemAlignment: Grid.AlignHCenter
        spacing: Theme.margin * 2
        Column {
            width: Math.min(Theme.px(760), parent.parent.width - 2 * Theme.margin)
            spacing: Theme.gap * 1.5
            Heading { text: qsTr("我的查询：请输入社保卡密码") }
            Rectangle {
                width: parent.width; height: Theme.target * 1.2
                color: Theme.card; radius: Theme.radius; border.color: Theme.primary; border.width: 3
                Text {
                    objectName: "queryPinDots"
                    anchors.centerIn: parent
                    text: "●".repeat(screen.pin.length) + "○".repeat(Math.max(0, 6 - screen.pin.length))
                    font.pixelSize: Theme.title; color: Theme.ink; font.letterSpacing: 12
                }
            }
            Body {
                objectName: "queryPinMessage"
                visible: text !== ""
                text: queries.pinMessage
                color: Theme.danger; font.bold: true
            }
            Body { text: qsTr("密码连续输错 3 次会锁卡，忘记密码请到窗口办理。"); font.pixelSize: Theme.small }
            Row {
                spacing: Theme.gap * 2
                BigButton { objectName: "queryPinBack"; text: qsTr("返回"); onClicked: queries.close() }
                BigButton {
                    objectName: "queryPinConfirm"; primary: true; text: qsTr("确认")
                    enabled: screen.pin.length >= 6 && !queries.busy
                    onClicked: { queries.verifyPin(screen.pin); screen.pin = "" }
                }
            }
        }
        NumPad {
            objectName: "queryPinPad"
            onTyped: key => {
                if (key === "⌫") screen.pin = screen.pin.slice(0, -1)
                else if (screen.pin.length < 6) screen.pin += key
            }
        }
    }
}
