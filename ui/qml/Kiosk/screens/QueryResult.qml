import QtQuick
import Kiosk

// One answer from the county, or plainly why there is none (offline: nothing stale is shown), with
// the documents it can be printed as (权益记录单, each year's 缴费凭证, 待遇权益单).
ScreenBase {
    id: screen
    screenName: "QueryResult"
    speech: qsTr("这是查询结果。需要纸质凭证请点打印按钮。看完请点返回。")
    readonly property bool printable: queries.prints.length > 0
    Column {
        anchors { fill: parent; margins: Theme.margin }
        spacing: Theme.gap
        Heading { objectName: "queryTitle"; text: queries.title }
        Body {
            objectName: "queryMessage"
            visible: text !== ""
            text: queries.message
            font.bold: true
            color: queries.busy ? Theme.ink : Theme.danger
        }
        ListView {
            objectName: "queryRows"
            width: parent.width
            height: parent.height - y - Theme.target - Theme.gap * 2
            clip: true
            spacing: Theme.gap / 2
            model: queries.rows
            delegate: Rectangle {
                width: ListView.view.width
                height: col.implicitHeight + Theme.gap
                radius: Theme.radius
                color: Theme.card
                Column {
                    id: col
                    anchors { left: parent.left; right: voucher.visible ? voucher.left : parent.right; top: parent.top
                              margins: Theme.gap / 2 }
                    Body { text: modelData.title; font.bold: true }
                    Repeater { model: modelData.lines; Body { text: modelData } }
                }
                BigButton {
                    id: voucher
                    objectName: "queryVoucher_" + (modelData.year || 0)
                    visible: screen.printable && (modelData.year || 0) > 0
                    anchors { right: parent.right; verticalCenter: parent.verticalCenter; margins: Theme.gap / 2 }
                    text: qsTr("打印本年缴费凭证")
                    onClicked: queries.printDocument("voucher", modelData.year)
                }
            }
        }
        Row {
            spacing: Theme.gap * 2
            BigButton { objectName: "queryBack"; text: qsTr("返回"); onClicked: queries.back() }
            Repeater {
                model: queries.prints
                BigButton {
                    objectName: "queryPrint_" + modelData.key
                    primary: true
                    text: modelData.key === "record" ? qsTr("打印个人权益记录单") : qsTr("打印待遇权益单")
                    onClicked: queries.printDocument(modelData.key, 0)
                }
            }
        }
    }
}
