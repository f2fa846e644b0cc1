import QtQuick
import Kiosk

// 协管员首页: due-date reminders, this month's service statistics, the ledgers to fill.
ScreenBase {
    screenName: "ClerkHome"
    speech: clerk.reminders.length > 0 ? qsTr("您有到期的台账，请查看提醒。") : qsTr("协管员首页。")
    Grid {  // reminders beside the buttons; above them on an upright (立式) kiosk
        anchors { fill: parent; margins: Theme.margin }
        columns: Theme.portrait ? 1 : 2
        spacing: Theme.margin
        Flickable {  // a long list of reminders scrolls instead of running off the screen
            id: leftFlick
            width: Theme.portrait ? parent.width : parent.width * 0.5
            height: Theme.portrait ? (parent.height - parent.spacing) / 2 : parent.height
            contentHeight: leftColumn.height
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Column {
                id: leftColumn
                width: leftFlick.width
                spacing: Theme.gap
                Heading { text: qsTr("您好，%1").arg(clerk.clerkName) }
                Body { text: qsTr("到期提醒"); font.bold: true }
                Repeater {
                    objectName: "clerkReminders"
                    model: clerk.reminders
                    Body { width: leftColumn.width; text: "· " + modelData; color: Theme.danger }
                }
                Body { visible: clerk.reminders.length === 0; text: qsTr("没有到期的台账") }
                Body { text: qsTr("本月统计"); font.bold: true }
                Repeater {
                    model: clerk.stats
                    Body { width: leftColumn.width; text: modelData }
                }
                Body { objectName: "clerkHomeMessage"; width: leftColumn.width; text: clerk.message; visible: text !== ""; color: Theme.inkSoft }
            }
        }
        Flickable {
            id: rightFlick
            width: Theme.portrait ? parent.width : parent.width * 0.45
            height: Theme.portrait ? (parent.height - parent.spacing) / 2 : parent.height
            contentHeight: rightColumn.height
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Column {
                id: rightColumn
                width: rightFlick.width
                spacing: Theme.gap
                BigButton {
                    objectName: "clerkAssist"; primary: true; width: rightColumn.width
                    visible: clerk.assist !== null && clerk.assist.available
                    text: qsTr("帮办：替群众办理业务")
                    onClicked: clerk.assist.begin()
                }
                Row {  // first, so logging out never needs scrolling
                    spacing: Theme.gap
                    BigButton { objectName: "clerkSendStats"; text: qsTr("报送本月统计"); enabled: !clerk.busy; onClicked: clerk.sendStatistics() }
                    BigButton { objectName: "clerkLogout"; text: qsTr("退出登录"); onClicked: clerk.logout("logout") }
                }
                Heading { text: qsTr("填报台账（上月）") }
                Repeater {
                    model: clerk.ledgers
                    BigButton {
                        objectName: "clerkLedger_" + modelData.code
                        width: rightColumn.width
                        text: modelData.name + (modelData.count > 0 ? qsTr("（已填 %1 条）").arg(modelData.count) : "")
                        onClicked: clerk.openLedger(modelData.code)
                    }
                }
            }
        }
    }
}
