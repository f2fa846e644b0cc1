import QtQuick
import Kiosk

// Everything the villager entered, readable, before it is submitted.
ScreenBase {
    id: screen
    screenName: "Review"
    speech: qsTr("请核对您填写的内容。无误请点确认提交，需要修改请点返回修改。")
    property int page: 0
    property int perPage: Theme.elder ? 4 : 7
    property var rows: kiosk.reviewRows
    property int pages: Math.max(1, Math.ceil(rows.length / perPage))

    Column {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        Heading { text: qsTr("请核对：%1").arg(kiosk.service.name || "") }
        Panel {
            width: parent.width
            height: list.height + 2 * Theme.gap
            Column {
                id: list
                x: Theme.gap; y: Theme.gap
                width: parent.width - 2 * Theme.gap
                spacing: Theme.gap / 2
                Repeater {
                    model: screen.rows.slice(screen.page * screen.perPage, (screen.page + 1) * screen.perPage)
                    Row {
                        width: list.width
                        spacing: Theme.gap
                        Text {
                            width: list.width * 0.35; wrapMode: Text.Wrap
                            text: modelData.label; font.pixelSize: Theme.body; color: Theme.inkSoft
                        }
                        Text {
                            width: list.width * 0.65 - Theme.gap; wrapMode: Text.Wrap
                            text: modelData.value; font.pixelSize: Theme.body; font.bold: true; color: Theme.ink
                        }
                    }
                }
            }
        }
        Body {
            visible: (kiosk.service.undo_minutes || 0) > 0
            text: qsTr("提交后 %1 分钟内，您可以在回执页面撤销。").arg(kiosk.service.undo_minutes)
        }
        Body { visible: kiosk.submitError !== ""; text: kiosk.submitError; color: Theme.danger; font.bold: true }
        Row {
            spacing: Theme.gap * 2
            BigButton { objectName: "reviewBack"; text: qsTr("返回修改"); onClicked: kiosk.back() }
            BigButton {
                visible: screen.pages > 1
                text: screen.page < screen.pages - 1 ? qsTr("下一页") : qsTr("第一页")
                onClicked: screen.page = (screen.page + 1) % screen.pages
            }
            BigButton {
                objectName: "confirmButton"; primary: true
                enabled: !kiosk.busy
                text: kiosk.busy ? qsTr("正在提交…") : qsTr("确认提交")
                onClicked: kiosk.confirm()
            }
        }
    }
}
