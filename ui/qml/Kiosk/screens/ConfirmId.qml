import QtQuick
import Kiosk

// A third-generation card read while the line to the county is down: the card number starts the session,
// the villager (or the clerk) types the ID number, and the county confirms the two belong together later.
ScreenBase {
    id: screen
    screenName: "ConfirmId"
    speech: qsTr("网络暂时不通，请输入您的身份证号码，县里核对后生效。")
    property string idNumber: ""
    Grid {  // side by side; stacked on an upright (立式) kiosk
        anchors.centerIn: parent
        columns: Theme.portrait ? 1 : 2
        horizontalItemAlignment: Grid.AlignHCenter
        spacing: Theme.margin * 2
        Column {
            width: Math.min(Theme.px(860), parent.parent.width - 2 * Theme.margin)
            spacing: Theme.gap * 1.5
            Heading { text: qsTr("请输入身份证号码") }
            Body { objectName: "identitySentence"; width: parent.width; text: qsTr("网络暂时不通，请输入您的身份证号码，县里核对后生效。") }
            Rectangle {
                width: parent.width; height: Theme.target * 1.2
                color: Theme.card; radius: Theme.radius; border.color: Theme.primary; border.width: 3
                Text {
                    objectName: "typedIdNumber"
                    anchors.centerIn: parent
                    text: screen.idNumber === "" ? qsTr("18位身份证号码") : screen.idNumber
                    font.pixelSize: Theme.title; color: screen.idNumber === "" ? Theme.inkSoft : Theme.ink
                }
            }
            Body { objectName: "identityMessage"; width: parent.width; text: kiosk.identityMessage; visible: text !== ""; color: Theme.danger; font.bold: true }
            Row {
                spacing: Theme.gap * 2
                BigButton { objectName: "identityCancel"; text: qsTr("不办了"); onClicked: kiosk.endSession("logout") }
                BigButton {
                    objectName: "identityConfirm"; primary: true; text: qsTr("确定")
                    enabled: screen.idNumber.length === 18
                    onClicked: kiosk.confirmIdentity(screen.idNumber)
                }
            }
        }
        NumPad {
            objectName: "identityPad"
            allowX: true
            onTyped: key => {
                if (key === "⌫") screen.idNumber = screen.idNumber.slice(0, -1)
                else if (screen.idNumber.length < 18) screen.idNumber += key
            }
        }
    }
}
