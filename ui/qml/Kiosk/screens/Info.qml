import QtQuick
import Kiosk

// Policy and job information from the last synced bundles: works offline and says how old it is.
ScreenBase {
    id: screen
    screenName: "Info"
    speech: qsTr("这里是最近一次从县里同步的信息。点上一页下一页翻看。")
    property int page: 0
    property var items: kiosk.infoItems
    property int perPage: Theme.elder ? 2 : 4
    property int pages: Math.max(1, Math.ceil(items.length / perPage))
    Column {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        Heading { text: kiosk.infoTitle }
        Body { objectName: "infoAge"; text: kiosk.infoAge; color: Theme.inkSoft }
        Repeater {
            model: screen.items.slice(screen.page * screen.perPage, (screen.page + 1) * screen.perPage)
            Panel {
                width: parent.width; height: col.height + 2 * Theme.gap
                Column {
                    id: col
                    x: Theme.gap; y: Theme.gap; width: parent.width - 2 * Theme.gap
                    spacing: 8
                    Text { width: parent.width; wrapMode: Text.Wrap; text: modelData.title; font.pixelSize: Theme.body; font.bold: true; color: Theme.ink }
                    Text { width: parent.width; wrapMode: Text.Wrap; maximumLineCount: Theme.elder ? 3 : 4; elide: Text.ElideRight
                           text: modelData.body; font.pixelSize: Theme.small; color: Theme.inkSoft; lineHeight: Theme.lineHeight }
                }
            }
        }
        Row {
            spacing: Theme.gap
            visible: screen.pages > 1
            BigButton { objectName: "infoPrev"; text: qsTr("上一页"); enabled: screen.page > 0; onClicked: screen.page -= 1 }
            BigButton { objectName: "infoNext"; text: qsTr("下一页"); enabled: screen.page < screen.pages - 1; onClicked: screen.page += 1 }
        }
    }
}
