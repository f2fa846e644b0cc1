import QtQuick
import Kiosk

// 协管员首页: due-date reminders, this month's service statistics, the ledgers to fill.
ScreenBase {
    screenName: "ClerkHome"
    speech: clerk.reminders.length > 0 ? qsTr("您有到期的台账，请查看提醒。") : qsTr("协管员首页。")
    Row {
        anchors { fill: parent; margins: Theme.margin }
        spacing: Theme.margin
        Column {
            width: parent.width * 0.5
            spacing: Theme.gap
            Heading { text: qsTr("您好，%1").arg(clerk.clerkName) }
            Body { text: qsTr("到期提醒"); font.bold: true }
            Repeater {
                objectName: "clerkReminders"
                model: clerk.reminders
                Body { width: parent.width; text: "· " + modelData; color: Theme.danger }
            }
            Body { visible: clerk.reminders.length === 0; text: qsTr("没有到期的台账") }
            Body { text: qsTr("本月统计"); font.bold: true }
            Repeater {
                model: clerk.stats
                Body { width: parent.width; text: modelData }
            }
            Body { objectName: "clerkHomeMessage"; width: parent.width; text: clerk.message; visible: text !== ""; color: Theme.inkSoft }
        }
        Column {
            width: parent.width * 0.45
            spacing: Theme.gap
            BigButton {
                objectName: "clerkAssist"; primary: true; width: parent.width
                visible: clerk.assist !== null && clerk.assist.available
                text: qsTr("帮办：替群众办理业务")
                onClicked: clerk.assist.begin()
            }
            Heading { text: qsTr("填报台账（上月）") }
            Repeater {
                model: clerk.ledgers
                BigButton {
                    objectName: "clerkLedger_" + modelData.code
                    width: parent.width
                    text: modelData.name + (modelData.count > 0 ? qsTr("（已填 %1 条）").arg(modelData.count) : "")
                    onClicked: clerk.openLedger(modelData.code)
                }
            }
            Row {
                spacing: Theme.gap
                BigButton { objectName: "clerkSendStats"; text: qsTr("报送本月统计"); enabled: !clerk.busy; onClicked: clerk.sendStatistics() }
                BigButton { objectName: "clerkLogout"; primary: true; text: qsTr("退出登录"); onClicked: clerk.logout("logout") }
            }
        }
    }
}
