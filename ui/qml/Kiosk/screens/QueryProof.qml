import QtQuick
import Kiosk

// The 参保证明: printed when a printer is there, and always shown here with its verification QR.
ScreenBase {
    screenName: "QueryProof"
    speech: qsTr("参保证明已出具。有打印机时请取走打印的证明；证明上的二维码可以到县人社局核验。")
    Row {
        anchors.centerIn: parent
        spacing: Theme.margin * 2
        Column {
            width: 900
            spacing: Theme.gap
            Heading { text: qsTr("社会保险参保证明") }
            Body {
                objectName: "queryProofMessage"
                visible: text !== ""
                text: queries.message
                font.bold: true
                color: queries.busy ? Theme.ink : Theme.danger
            }
            Body { objectName: "queryPrintStatus"; visible: text !== ""; text: queries.printStatus; font.bold: true }
            Repeater {
                model: queries.rows
                Body { text: modelData.title + "：" + modelData.lines.join("") }
            }
            BigButton { objectName: "queryProofBack"; text: qsTr("返回"); onClicked: queries.back() }
        }
        Image {
            objectName: "queryProofQr"
            visible: queries.proofQr !== ""
            width: 360; height: 360
            source: queries.proofQr !== "" ? "image://qr/" + encodeURIComponent(queries.proofQr) : ""
            cache: false
        }
    }
}
