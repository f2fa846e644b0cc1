import QtQuick
import QtQuick.Window
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Kiosk

// The one window. A Loader shows one screen at a time; leaving a screen destroys its objects, so a
// wiped session leaves nothing of the villager in QML either.
Window {
    id: win
    width: 1920; height: 1080
    visible: true
    color: Theme.page
    title: qsTr("人社自助服务终端")

    Binding { target: Theme; property: "elder"; value: kiosk.elderMode }
    // the same millimetres on a panel with fewer pixels; never larger than designed (Theme.qml)
    Binding { target: Theme; property: "scale"; value: Math.min(1, Math.min(win.width, win.height) / 1080) }
    Binding { target: Theme; property: "portrait"; value: win.height > win.width }
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.locale = "zh_CN"
    }

    TopBar {
        id: topBar
        objectName: "topBar"
        anchors { left: parent.left; right: parent.right; top: parent.top }
    }

    Rectangle {
        id: noticeStrip
        objectName: "noticeStrip"
        anchors { left: parent.left; right: parent.right; top: topBar.bottom }
        height: visible ? noticeText.implicitHeight + Theme.px(24) : 0
        visible: kiosk.notice !== ""
        color: Theme.warnBg
        Text {
            id: noticeText
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            wrapMode: Text.Wrap
            text: kiosk.notice
            font.pixelSize: Theme.small
            color: Theme.ink
        }
    }

    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors { left: parent.left; right: parent.right; top: noticeStrip.bottom; bottom: keyboard.visible ? keyboard.top : parent.bottom }
        source: Qt.resolvedUrl("screens/" + kiosk.screen + ".qml")
        onLoaded: kiosk.screenShown(item.screenName, item.speech)
    }

    Loader {  // 我的查询 (issue 13): over the screens, under the idle warning and the keyboard
        objectName: "queryLayer"
        anchors.fill: screenLoader
        source: Qt.resolvedUrl("screens/QueryLayer.qml")
    }

    Loader {  // 协管员 mode (issue 9): login, reminders, statistics, ledgers; over the screens, under the keyboard
        objectName: "clerkLayer"
        anchors.fill: screenLoader
        source: Qt.resolvedUrl("screens/ClerkLayer.qml")
    }

    Idle {
        objectName: "idleOverlay"
        anchors.fill: parent
        visible: kiosk.idleSecondsLeft > 0
    }

    InputPanel {
        id: keyboard
        objectName: "inputPanel"
        anchors { left: parent.left; right: parent.right }
        visible: active
        y: active ? parent.height - height : parent.height
    }
}
