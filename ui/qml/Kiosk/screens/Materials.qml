import QtQuick
import Kiosk

// One screen per required material: live preview with the detected page outline, hints, auto-capture,
// then review with 重拍 / 使用这张.
ScreenBase {
    id: screen
    screenName: "Materials"
    speech: capture.materialReview ? qsTr("请看照片是否清楚。清楚请点使用这张，不清楚请点重拍。")
                                 : qsTr("请把材料平放在高拍仪下方，放好后不要移动，会自动拍照。")

    Row {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.margin
        Rectangle {
            id: view
            objectName: "cameraView"
            width: parent.width * 0.58; height: width * 9 / 16
            color: "#202020"; radius: Theme.radius
            Image {
                id: frame
                anchors.fill: parent; anchors.margins: 6
                fillMode: Image.PreserveAspectFit
                cache: false; asynchronous: false
                source: capture.cameraOk ? (capture.materialReview ? "image://camera/still/" + capture.frameSerial
                                                               : "image://camera/live/" + capture.frameSerial) : ""
            }
            Canvas {   // the detected page outline, in frame coordinates scaled to the painted image
                id: outline
                anchors.fill: frame
                visible: !capture.materialReview
                property var quad: capture.quad
                onQuadChanged: requestPaint()
                onPaint: {
                    const ctx = getContext("2d"); ctx.reset()
                    if (!quad || quad.length !== 4 || frame.sourceSize.width === 0) return
                    const s = Math.min(width / frame.sourceSize.width, height / frame.sourceSize.height)
                    const ox = (width - frame.sourceSize.width * s) / 2, oy = (height - frame.sourceSize.height * s) / 2
                    ctx.lineWidth = 8; ctx.strokeStyle = capture.captureProgress > 0 ? "#3FD46B" : "#FFD43B"
                    ctx.beginPath()
                    for (let i = 0; i <= 4; ++i) {
                        const p = quad[i % 4]
                        i === 0 ? ctx.moveTo(ox + p[0] * s, oy + p[1] * s) : ctx.lineTo(ox + p[0] * s, oy + p[1] * s)
                    }
                    ctx.stroke()
                }
            }
            Text {
                anchors.centerIn: parent
                visible: !capture.cameraOk
                width: parent.width * 0.8; wrapMode: Text.Wrap; horizontalAlignment: Text.AlignHCenter
                text: qsTr("高拍仪暂不可用")
                font.pixelSize: Theme.title; color: "#FFFFFF"
            }
        }
        Column {
            width: parent.width - view.width - Theme.margin
            spacing: Theme.gap * 1.5
            Heading {
                objectName: "materialTitle"
                text: qsTr("第 %1 / %2 份材料").arg(capture.materialIndex + 1).arg(capture.materialCount)
            }
            Heading { text: capture.materialName; color: Theme.primary }
            Body {
                objectName: "cameraHint"
                text: capture.cameraHint
                font.bold: true
                color: capture.cameraOk ? Theme.ink : Theme.danger
            }
            Rectangle {   // auto-capture: fills up while the page holds still
                visible: capture.cameraOk && !capture.materialReview
                width: parent.width; height: 20; radius: 10; color: Theme.secondary
                Rectangle { width: parent.width * capture.captureProgress; height: parent.height; radius: 10; color: Theme.good }
            }
            BigButton {
                objectName: "captureButton"
                visible: capture.cameraOk && !capture.materialReview
                width: parent.width
                text: qsTr("现在拍照")
                onClicked: capture.captureNow()
            }
            BigButton {
                objectName: "useButton"
                visible: capture.materialReview
                width: parent.width; primary: true
                text: qsTr("使用这张")
                onClicked: capture.acceptMaterial()
            }
            BigButton {
                objectName: "retakeButton"
                visible: capture.materialReview
                width: parent.width
                text: qsTr("重拍")
                onClicked: capture.retakeMaterial()
            }
            BigButton {
                objectName: "materialsBack"
                visible: !capture.materialReview
                width: parent.width
                text: qsTr("上一步")
                onClicked: kiosk.back()
            }
        }
    }
}
