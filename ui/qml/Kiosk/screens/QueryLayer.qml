import QtQuick
import Kiosk

// 我的查询 over the kiosk's screens (loaded by Main.qml): the entry button while a card is in, and the
// query screens themselves. Leaving clears the Loader, so nothing of an answer stays in QML.
Item {
    id: layer
    readonly property bool entryVisible: kiosk.hasCard && queries.screen === ""
                                         && ["Home", "Services", "Card"].indexOf(kiosk.screen) >= 0
    BigButton {
        objectName: "queryEntry"
        visible: layer.entryVisible
        primary: true
        text: qsTr("我的查询")
        anchors { right: parent.right; bottom: parent.bottom; margins: Theme.margin }
        onClicked: queries.open()
    }
    Loader {
        id: queryLoader
        objectName: "queryLoader"
        anchors.fill: parent
        active: queries.screen !== ""
        source: active ? Qt.resolvedUrl(queries.screen + ".qml") : ""
        onLoaded: kiosk.screenShown(item.screenName, item.speech)
    }
}
