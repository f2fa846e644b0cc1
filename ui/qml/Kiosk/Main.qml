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

    // The villager's screens. Each is built by asynchronous incubation, a few ms per frame, so no touch or
    // device event waits 20-90 ms for a whole screen; the screen on show stays until the next is complete,
    // then the two swap (the one on show is always the Loader named "screenLoader").
    Item {
        id: screenArea
        anchors { left: parent.left; right: parent.right; top: noticeStrip.bottom; bottom: keyboard.visible ? keyboard.top : parent.bottom }
        property int front: 0
        property bool incubate: false  // the first screen is built at once, before the first frame
        readonly property var loaders: [loaderA, loaderB]
        readonly property string wanted: Qt.resolvedUrl("screens/" + kiosk.screen + ".qml")

        // ``asynchronous`` is true only while a loader builds (an idle one is no image still loading to
        // ui/screenshots.py); it must be set before ``source``, which starts the build.
        function show(loader) {
            loader.asynchronous = false
            if (String(loader.source) !== wanted) {
                loader.source = ""  // no longer wanted
                return
            }
            var old = loaders[front]
            front = loaders.indexOf(loader)
            if (old !== loader)
                old.source = ""  // leaving a screen destroys its objects (nothing of the villager stays)
            kiosk.screenShown(loader.item.screenName, loader.item.speech)
        }
        onWantedChanged: {
            if (!incubate)
                return
            var next = loaders[1 - front]
            next.asynchronous = true
            // back to the screen on show before the other was ready: drop the other
            next.source = String(loaders[front].source) === wanted ? "" : wanted
            if (String(next.source) === "")
                next.asynchronous = false
        }

        Loader {
            id: loaderA
            objectName: screenArea.front === 0 ? "screenLoader" : "screenIncubator"
            anchors.fill: parent
            visible: screenArea.front === 0
            onLoaded: screenArea.show(loaderA)
            Component.onCompleted: { source = screenArea.wanted; screenArea.incubate = true }
        }
        Loader {
            id: loaderB
            objectName: screenArea.front === 1 ? "screenLoader" : "screenIncubator"
            anchors.fill: parent
            visible: screenArea.front === 1
            onLoaded: screenArea.show(loaderB)
        }
    }

    Loader {  // 我的查询 (issue 13): over the screens, under the idle warning and the keyboard
        objectName: "queryLayer"
        anchors.fill: screenArea
        source: Qt.resolvedUrl("screens/QueryLayer.qml")
    }

    Loader {  // 协管员 mode (issue 9): login, reminders, statistics, ledgers; over the screens, under the keyboard
        objectName: "clerkLayer"
        anchors.fill: screenArea
        source: Qt.resolvedUrl("screens/ClerkLayer.qml")
    }

    Idle {
        objectName: "idleOverlay"
        anchors.fill: parent
        visible: kiosk.idleSecondsLeft > 0
    }

    // The on-screen keyboard (pinyin engine, its QML and layouts: ~15 MB) exists from the first editable text
    // field that takes focus until the wipe or the way home, so a home screen never holds it and the villager's
    // pinyin state goes with the session (issue 8). Built a turn after the focus change, not inside it; the
    // plugin's desktop window is off (QT_VIRTUALKEYBOARD_DESKTOP_DISABLE, ui/app.py) so nothing else stands in.
    Loader {
        id: keyboard
        objectName: "keyboardLoader"
        active: false
        anchors { left: parent.left; right: parent.right }
        visible: item !== null && item.active
        y: visible ? parent.height - height : parent.height
        sourceComponent: InputPanel { objectName: "inputPanel"; visible: active }
        onLoaded: Qt.inputMethod.show()  // the field asked before the panel existed
        function wanted() {
            var item = win.activeFocusItem
            if (!active && item && item.readOnly === false)  // TextInput / TextEdit; the keypads' fields are readOnly
                active = true
        }
        Connections {
            target: win
            function onActiveFocusItemChanged() { Qt.callLater(keyboard.wanted) }
        }
        Connections {
            target: kiosk
            function onSessionEnded(reason) { keyboard.active = false }
            function onScreenChanged() { if (kiosk.screen === "Home") keyboard.active = false }
        }
    }
}
