import QtQuick
import Kiosk

// 帮办 step 2: the villager's consent, before anything is done for them: their signature in the white box,
// or the signed 代办授权书 photographed by the document camera.
ScreenBase {
    id: screen
    screenName: "ClerkConsent"
    speech: qsTr("请群众在白框里签名，同意由协管员代为办理；也可以拍下代办授权书。")
    // what the heading, the message and the buttons (one line, or two on an upright kiosk) leave
    readonly property real sheetHeight: height - 2 * Theme.margin - consentHeading.height - consentActions.height
                                        - 2 * Theme.gap - (consentMessage.visible ? consentMessage.height + Theme.gap : 0)
    Column {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        Heading { id: consentHeading; text: qsTr("为 %1 帮办：请群众签字同意").arg(clerk.assist.villagerName) }
        Rectangle {
            objectName: "consentSheet"
            visible: !clerk.assist.photoMode
            width: parent.width; height: screen.sheetHeight
            color: "#FFFFFF"; radius: Theme.radius
            border.color: Theme.primary; border.width: 4
            Canvas {
                anchors.fill: parent
                property var strokes: clerk.assist.strokes
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
            MouseArea {
                anchors.fill: parent
                onPressed: m => clerk.assist.consentPoint(m.x / width, m.y / height, true)
                onPositionChanged: m => clerk.assist.consentPoint(m.x / width, m.y / height, false)
            }
        }
        Rectangle {
            objectName: "consentCamera"
            visible: clerk.assist.photoMode
            width: parent.width; height: screen.sheetHeight
            color: Theme.card; radius: Theme.radius
            Body { anchors.centerIn: parent; text: qsTr("请把签好字的代办授权书平放在高拍仪下，然后点拍照") }
        }
        Body { id: consentMessage; objectName: "consentMessage"; text: clerk.assist.message; visible: text !== ""; color: Theme.danger; font.bold: true }
        Flow {  // wraps to a second line on a narrow (upright) panel
            id: consentActions
            width: parent.width
            spacing: Theme.gap * 2
            BigButton { objectName: "consentBack"; text: qsTr("换一位群众"); onClicked: clerk.assist.begin() }
            BigButton {
                objectName: "consentSwitch"; visible: clerk.assist.cameraOk
                text: clerk.assist.photoMode ? qsTr("改为签字") : qsTr("拍代办授权书")
                onClicked: clerk.assist.usePhoto(!clerk.assist.photoMode)
            }
            BigButton { objectName: "consentClear"; visible: !clerk.assist.photoMode; text: qsTr("重新签名"); onClicked: clerk.assist.clearConsent() }
            BigButton {
                objectName: "consentConfirm"; primary: true
                text: clerk.assist.photoMode ? qsTr("拍照") : qsTr("确认签名")
                enabled: clerk.assist.photoMode || clerk.assist.strokes.length > 0
                onClicked: clerk.assist.photoMode ? clerk.assist.takePhoto() : clerk.assist.confirmSignatureConsent()
            }
        }
    }
}
