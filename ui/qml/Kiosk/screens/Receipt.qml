import QtQuick
import Kiosk

// The 受理回执: number, service, date, time limit and a QR code; printed when a printer is there.
ScreenBase {
    screenName: "Receipt"
    speech: qsTr("已受理。请记下屏幕上的受理编号，或取走打印的回执。然后请为本次服务评价。")
    Grid {  // side by side; stacked on an upright (立式) kiosk
        anchors.centerIn: parent
        columns: Theme.portrait ? 1 : 2
        horizontalItemAlignment: Grid.AlignHCenter
        spacing: Theme.margin * 2
        Column {
            width: Math.min(Theme.px(980), parent.parent.width - 2 * Theme.margin)
            spacing: Theme.gap / 2
            Heading { text: kiosk.receipt.undone ? qsTr("已撤销") : qsTr("已受理"); color: kiosk.receipt.undone ? Theme.danger : Theme.good; font.pixelSize: Theme.huge }
            Row {
                spacing: Theme.gap
                Body { width: implicitWidth; anchors.baseline: number.baseline; text: qsTr("受理编号"); color: Theme.inkSoft }
                Text {
                    id: number
                    objectName: "acceptanceNo"
                    text: kiosk.receipt.acceptance_no || ""
                    font.pixelSize: Theme.title; font.bold: true; color: Theme.ink
                }
            }
            Body { text: qsTr("事项：%1").arg(kiosk.receipt.service || "") }
            Body { text: qsTr("日期：%1").arg(kiosk.receipt.date || "") }
            Body {
                visible: (kiosk.receipt.time_limit_days || 0) > 0
                text: qsTr("办理时限：%1 个工作日").arg(kiosk.receipt.time_limit_days)
            }
            Repeater {  // 帮办: the way it was done and the clerk who did it
                objectName: "receiptAssisted"
                model: kiosk.receipt.assisted || []
                Body { text: modelData; color: Theme.primary; font.bold: true }
            }
            Body { objectName: "printStatus"; text: kiosk.printStatus; visible: text !== "" }
            Row {
                spacing: Theme.gap * 2
                BigButton {
                    objectName: "undoButton"
                    visible: kiosk.canUndo
                    danger: true
                    text: qsTr("撤销办件")
                    onClicked: kiosk.undo()
                }
                BigButton {
                    objectName: "toRating"; primary: true
                    text: qsTr("下一步：评价")
                    onClicked: kiosk.openRating()
                }
            }
        }
        Rectangle {
            width: Theme.px(400); height: Theme.px(450); color: "#FFFFFF"; radius: Theme.radius
            border.color: Theme.line; border.width: 2
            Image {  // drawn on Qt's image thread; the text is signed on the receipt-qr thread first
                id: qr
                objectName: "qrImage"
                anchors.horizontalCenter: parent.horizontalCenter; y: Theme.px(20)
                width: Theme.px(360); height: Theme.px(360)
                smooth: false
                asynchronous: true
                source: kiosk.receipt.qr ? "image://qr/" + encodeURIComponent(kiosk.receipt.qr) : ""
            }
            Rectangle {  // a calm grey square where the code comes (a few tenths of a second): no empty flash
                objectName: "qrPending"
                anchors.fill: qr
                visible: qr.status !== Image.Ready
                color: Theme.line; opacity: 0.35; radius: Theme.radius
            }
            Text {
                anchors.horizontalCenter: parent.horizontalCenter; y: Theme.px(390)
                text: qsTr("扫码查询进度"); font.pixelSize: Theme.small; color: Theme.ink
            }
        }
    }
}
