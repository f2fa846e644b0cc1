import QtQuick
import Kiosk

// 设备诊断 (technician): login, then one panel per device and subsystem with its checks, and the tools:
// fault ticket, APDU console, test page, touch grid, and on the demo rig "unplug" a virtual device.
ScreenBase {
    id: screen
    screenName: "Diag"
    speech: diag.technician === "" ? qsTr("技术员请登录。") : qsTr("设备诊断。")
    property string selected: "card"

    Text {
        id: status
        objectName: "diagMessage"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.margin }
        text: diag.message
        visible: text !== ""
        font.pixelSize: Theme.small
        color: Theme.ink
        wrapMode: Text.Wrap
    }

    // --- login ---------------------------------------------------------------------------------------
    Column {
        objectName: "diagLogin"
        visible: diag.technician === ""
        anchors.centerIn: parent
        width: Math.min(Theme.px(800), parent.width - 2 * Theme.margin)
        spacing: Theme.gap
        Heading { text: qsTr("技术员登录") }
        Field { id: user; objectName: "diagUser"; width: parent.width; placeholderText: qsTr("用户名") }
        Field { id: password; objectName: "diagPassword"; width: parent.width; placeholderText: qsTr("密码"); echoMode: TextInput.Password }
        Row {
            spacing: Theme.gap * 2
            BigButton { objectName: "diagBack"; text: qsTr("返回"); onClicked: kiosk.goHome() }
            BigButton {
                objectName: "diagLoginButton"; primary: true; text: qsTr("登录"); enabled: !diag.busy
                onClicked: { diag.login(user.text, password.text); password.text = "" }
            }
        }
    }

    // --- panels ----------------------------------------------------------------------------------------
    Item {
        objectName: "diagPanels"
        visible: diag.technician !== ""
        anchors { fill: parent; margins: Theme.margin / 2; bottomMargin: status.height + Theme.margin }

        Grid {
            id: grid
            // the tools beside the panels; under them on an upright (立式) kiosk
            anchors { left: parent.left; top: parent.top; right: Theme.portrait ? parent.right : tools.left
                      bottom: Theme.portrait ? tools.top : parent.bottom; rightMargin: Theme.portrait ? 0 : Theme.gap
                      bottomMargin: Theme.portrait ? Theme.gap : 0 }
            columns: 2
            spacing: Theme.gap / 2
            Repeater {
                model: diag.panels
                DiagPanel {
                    width: (grid.width - grid.spacing) / 2
                    height: (grid.height - grid.spacing * 3) / 4
                    panel: modelData
                    chosen: screen.selected === modelData.device
                    onPicked: screen.selected = modelData.device
                    onRun: diag.runPanel(modelData.device)
                }
            }
        }

        Column {
            id: tools
            anchors { right: parent.right; bottom: parent.bottom }
            height: Theme.portrait ? implicitHeight : parent.height
            width: Theme.portrait ? parent.width : Math.min(Theme.px(620), parent.width * 0.4)
            spacing: Theme.gap / 2
            Row {
                spacing: Theme.gap / 2
                BigButton { objectName: "diagRunAll"; compact: true; primary: true; text: qsTr("全部检测"); enabled: !diag.busy; onClicked: diag.runAll() }
                BigButton { compact: true; text: qsTr("触摸测试"); onClicked: touchTest.visible = true }
                BigButton { objectName: "diagLogout"; compact: true; text: qsTr("退出"); onClicked: { diag.logout(); kiosk.goHome() } }
            }
            Text { text: qsTr("故障工单（%1）").arg(diag.deviceTitles[screen.selected]); font.pixelSize: Theme.small; font.bold: true; color: Theme.ink }
            Field { id: symptom; objectName: "diagSymptom"; width: tools.width; placeholderText: qsTr("故障现象（不要填写群众信息）") }
            BigButton {
                objectName: "diagTicket"; compact: true; text: qsTr("生成工单并上报"); enabled: !diag.busy && symptom.text !== ""
                onClicked: { diag.fileTicket(screen.selected, symptom.text); symptom.text = "" }
            }
            Text { text: qsTr("APDU 控制台"); font.pixelSize: Theme.small; font.bold: true; color: Theme.ink }
            Row {
                spacing: Theme.gap / 2
                Field { id: apdu; objectName: "diagApdu"; width: tools.width - sendApdu.width - Theme.gap / 2; placeholderText: "00 A4 04 00 …" }
                BigButton { id: sendApdu; compact: true; text: qsTr("发送"); enabled: !diag.busy && apdu.text !== ""; onClicked: diag.sendApdu(apdu.text) }
            }
            Text {
                objectName: "diagApduLog"
                width: tools.width
                text: diag.apduLog
                font.family: "monospace"; font.pixelSize: 20
                color: Theme.ink
                wrapMode: Text.WrapAnywhere
                maximumLineCount: 6
                elide: Text.ElideRight
            }
            BigButton { compact: true; text: qsTr("打印测试页"); enabled: !diag.busy; onClicked: diag.printTestPage() }
            Flow {
                width: tools.width
                spacing: Theme.gap / 2
                visible: diag.demoDevices.length > 0
                Repeater {
                    model: diag.demoDevices
                    BigButton {
                        objectName: "diagToggle_" + modelData
                        compact: true
                        danger: diag.broken.indexOf(modelData) < 0
                        text: (diag.broken.indexOf(modelData) < 0 ? qsTr("拔出") : qsTr("插回")) + diag.deviceTitles[modelData]
                        onClicked: diag.toggleDevice(modelData)
                    }
                }
            }
        }
    }

    DiagTouch {
        id: touchTest
        objectName: "diagTouch"
        anchors.fill: parent
        visible: false
        onClosed: { visible = false; diag.runPanel("touch") }
    }
}
