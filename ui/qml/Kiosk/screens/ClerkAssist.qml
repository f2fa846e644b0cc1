import QtQuick
import Kiosk

// 帮办 step 1: who is being served. The villager inserts their card, or the clerk types the ID number
// (check digit verified) and the name on the keypad.
ScreenBase {
    id: screen
    screenName: "ClerkAssist"
    speech: qsTr("请群众插入社保卡，或输入群众的身份证号码和姓名。")
    property string idNumber: ""
    Grid {  // side by side; stacked on an upright (立式) kiosk
        anchors.centerIn: parent
        columns: Theme.portrait ? 1 : 2
        horizontalItemAlignment: Grid.AlignHCenter
        spacing: Theme.margin * 2
        Column {
            width: Math.min(Theme.px(860), parent.parent.width - 2 * Theme.margin)
            spacing: Theme.gap
            Heading { text: qsTr("帮办：请群众插卡，或输入身份证号码") }
            Rectangle {
                width: parent.width; height: Theme.target * 1.2
                color: Theme.card; radius: Theme.radius; border.color: Theme.primary; border.width: 3
                Text {
                    objectName: "assistIdNumber"
                    anchors.centerIn: parent
                    text: screen.idNumber === "" ? qsTr("身份证号码（18位）") : screen.idNumber
                    font.pixelSize: Theme.title; color: screen.idNumber === "" ? Theme.inkSoft : Theme.ink
                }
            }
            Field { id: name; objectName: "assistName"; width: parent.width; placeholderText: qsTr("群众姓名") }
            Body { objectName: "assistMessage"; width: parent.width; text: clerk.assist.message; visible: text !== ""; color: Theme.danger; font.bold: true }
            Row {
                spacing: Theme.gap * 2
                BigButton { objectName: "assistBack"; text: qsTr("返回协管员首页"); onClicked: clerk.home() }
                BigButton {
                    objectName: "assistIdentify"; primary: true; text: qsTr("确定")
                    enabled: screen.idNumber.length === 18
                    onClicked: clerk.assist.identifyTyped(screen.idNumber, name.text)
                }
            }
        }
        NumPad {
            objectName: "assistPad"
            allowX: true
            onTyped: key => {
                if (key === "⌫") screen.idNumber = screen.idNumber.slice(0, -1)
                else if (screen.idNumber.length < 18) screen.idNumber += key
            }
        }
    }
}
