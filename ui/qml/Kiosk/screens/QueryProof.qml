import QtQuick
import Kiosk

// A printed proof (参保证明, 权益记录单, 缴费凭证, 待遇权益单): printed when a printer is there, and
// always shown here with its verification QR, so a printer fault never leaves the villager without it.
ScreenBase {
    screenName: "QueryProof"
    speech: qsTr("证明已出具。有打印机时请取走打印件；上面的二维码可以到县人社局核验。")
    readonly property var headings: ({
        "参保证明": qsTr("社会保险参保证明"),
        "社会保险个人权益记录单": qsTr("社会保险个人权益记录单"),
        "养老保险参保缴费凭证": qsTr("养老保险参保缴费凭证"),
        "养老待遇权益单": qsTr("养老待遇权益单")
    })
    Grid {  // side by side; stacked on an upright (立式) kiosk
        anchors.centerIn: parent
        columns: Theme.portrait ? 1 : 2
        horizontalItemAlignment: Grid.AlignHCenter
        spacing: Theme.margin * 2
        Column {
            width: Math.min(Theme.px(900), parent.parent.width - 2 * Theme.margin)
            spacing: Theme.gap
            Heading { objectName: "queryProofTitle"; text: headings[queries.title] || queries.title }
            Body {
                objectName: "queryProofMessage"
                visible: text !== ""
                text: queries.message
                font.bold: true
                color: queries.busy ? Theme.ink : Theme.danger
            }
            Body { objectName: "queryPrintStatus"; visible: text !== ""; text: queries.printStatus; font.bold: true }
            ListView {
                objectName: "queryProofRows"
                width: parent.width
                height: Math.min(contentHeight, 620)
                clip: true
                model: queries.rows
                delegate: Body { width: ListView.view.width; text: modelData.title + "：" + modelData.lines.join("") }
            }
            BigButton { objectName: "queryProofBack"; text: qsTr("返回"); onClicked: queries.back() }
        }
        Image {
            objectName: "queryProofQr"
            visible: queries.proofQr !== ""
            width: Theme.px(360); height: Theme.px(360)
            source: queries.proofQr !== "" ? "image://qr/" + encodeURIComponent(queries.proofQr) : ""
            cache: false
        }
    }
}
