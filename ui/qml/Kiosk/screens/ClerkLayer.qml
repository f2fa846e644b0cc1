import QtQuick
import Kiosk

// 协管员 mode over the kiosk's screens (loaded by Main.qml): the hidden entry on the home screen (hold the
// upper left corner for 3 s) and the clerk's screens. Leaving clears the Loader and every typed value.
Item {
    id: layer
    MouseArea {
        objectName: "clerkEntry"
        visible: kiosk.screen === "Home" && clerk.screen === ""
        anchors { left: parent.left; top: parent.top }
        width: Theme.px(120); height: Theme.px(120)
        pressAndHoldInterval: 3000
        onPressAndHold: clerk.open()
    }
    Rectangle {
        anchors.fill: parent
        visible: clerk.screen !== ""
        color: Theme.page
        MouseArea { anchors.fill: parent }  // nothing underneath reacts while a clerk works
    }
    Loader {
        objectName: "clerkLoader"
        anchors.fill: parent
        active: clerk.screen !== ""
        source: active ? Qt.resolvedUrl(clerk.screen + ".qml") : ""
        onLoaded: kiosk.screenShown(item.screenName, item.speech)
    }
}
