import QtQuick
import Kiosk

// The signature: ink from the pad mirrored live, or written on the glass when there is no pad.
ScreenBase {
    id: screen
    screenName: "Signature"
    speech: capture.padOk ? qsTr("请用签名笔在签名板上签上您的名字，签好后点确认签名。")
                        : qsTr("请用手指在屏幕的白色框里签上您的名字，签好后点确认签名。")

    Column {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        Heading { text: capture.padOk ? qsTr("请在签名板上签名") : qsTr("请在下面白框里签名") }
        Rectangle {
            id: sheet
            objectName: "signatureSheet"
            width: parent.width; height: parent.height - 3 * Theme.target - 2 * Theme.gap
            color: "#FFFFFF"; radius: Theme.radius
            border.color: Theme.primary; border.width: 4
            Canvas {
                id: ink
                anchors.fill: parent
                property var strokes: capture.strokes
                onStrokesChanged: requestPaint()
                onPaint: {
                    const ctx = getContext("2d"); ctx.reset()
                    ctx.lineWidth = 6; ctx.lineCap = "round"; ctx.strokeStyle = "#111111"
                    for (const stroke of strokes) {
                        ctx.beginPath()
                        for (let i = 0; i < stroke.length; ++i) {
                            const x = stroke[i][0] * width, y = stroke[i][1] * height
                            i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)
                        }
                        ctx.stroke()
                    }
                }
            }
            MouseArea {   // sign on the glass when there is no pad
                anchors.fill: parent
                enabled: !capture.padOk
                onPressed: m => capture.glassPoint(m.x / width, m.y / height, true)
                onPositionChanged: m => capture.glassPoint(m.x / width, m.y / height, false)
                onReleased: capture.glassPenUp()
            }
        }
        Body {
            objectName: "signatureHint"
            visible: text !== ""
            text: capture.signatureHint
            color: Theme.danger; font.bold: true
        }
        Row {
            spacing: Theme.gap * 2
            BigButton { objectName: "signBack"; text: qsTr("上一步"); onClicked: kiosk.back() }
            BigButton { objectName: "signClear"; text: qsTr("重新签名"); onClicked: capture.clearSignature() }
            BigButton {
                objectName: "signConfirm"; primary: true; text: qsTr("确认签名")
                enabled: capture.strokes.length > 0
                onClicked: capture.confirmSignature()
            }
        }
    }
}
