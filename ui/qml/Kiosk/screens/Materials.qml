import QtQuick
import QtQuick.Shapes
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
            Shape {   // the detected page outline: a path the renderer strokes, not a Canvas image repainted per frame
                id: outline
                objectName: "pageOutline"
                anchors.fill: frame
                visible: !capture.materialReview && points.length === 5
                readonly property real s: frame.sourceSize.width > 0
                    ? Math.min(width / frame.sourceSize.width, height / frame.sourceSize.height) : 0
                readonly property real ox: (width - frame.sourceSize.width * s) / 2
                readonly property real oy: (height - frame.sourceSize.height * s) / 2
                readonly property var points: {
                    const q = capture.quad
                    if (!q || q.length !== 4 || s === 0) return []
                    return [0, 1, 2, 3, 0].map(i => Qt.point(ox + q[i][0] * s, oy + q[i][1] * s))
                }
                ShapePath {
                    strokeWidth: 8; fillColor: "transparent"; joinStyle: ShapePath.RoundJoin
                    strokeColor: capture.captureProgress > 0 ? "#3FD46B" : "#FFD43B"
                    PathPolyline { path: outline.points }
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
