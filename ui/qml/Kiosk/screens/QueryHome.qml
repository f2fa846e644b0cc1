import QtQuick
import Kiosk

// 我的查询: what the villager can look up, and the 参保证明 to print (the other proofs print from an answer).
ScreenBase {
    screenName: "QueryHome"
    speech: qsTr("请选择要查询的内容：参保缴费记录、待遇、社保卡状态或我的办件。也可以打印参保证明；查过缴费记录或待遇后，还能打印权益记录单、缴费凭证和待遇权益单。")
    Column {
        id: page
        anchors.centerIn: parent
        spacing: Theme.gap * 1.5
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(1400))
        Heading { text: qsTr("我的查询") }
        Body { text: qsTr("查询需要联网，结果只在本次办理中显示，离开后自动清除。"); color: Theme.inkSoft }
        Grid {
            columns: 2  // one column in 长辈模式 ran the print button off the bottom of the screen
            spacing: Theme.gap * 1.5
            Repeater {
                model: queries.menu
                BigButton {
                    objectName: "query_" + modelData.kind
                    width: Math.min(Theme.px(Theme.elder ? 660 : 600), (page.width - parent.spacing) / 2)
                    text: modelData.title
                    onClicked: queries.ask(modelData.kind)
                }
            }
        }
        Row {
            spacing: Theme.gap * 2
            BigButton { objectName: "queryPrintProof"; primary: true; text: qsTr("打印参保证明"); onClicked: queries.printProof() }
            BigButton { objectName: "queryClose"; text: qsTr("返回"); onClicked: queries.close() }
        }
    }
}
