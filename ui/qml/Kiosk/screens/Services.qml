import QtQuick
import Kiosk

// The services of one category, or the search results (汉字, 拼音 or 首字母), a few per page.
ScreenBase {
    id: screen
    screenName: "Services"
    speech: qsTr("请点击要办理的事项。也可以在搜索框里输入拼音查找。")
    property int page: 0
    property int perPage: Theme.listRows
    property var items: kiosk.services
    property int pages: Math.max(1, Math.ceil(items.length / perPage))
    onItemsChanged: page = 0

    Column {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        Row {
            width: parent.width
            spacing: Theme.gap
            Heading {
                id: heading
                width: parent.width * 0.4
                text: kiosk.categoryTitle
            }
            Field {
                id: search
                objectName: "searchField"
                width: parent.width * 0.6 - Theme.gap
                placeholderText: qsTr("搜索：输入事项名称或拼音")
                onTextChanged: kiosk.search(text)
            }
        }
        Body {
            visible: screen.items.length === 0
            text: kiosk.catalogReady ? qsTr("没有找到相关事项，请换个词试试，或到窗口咨询。")
                                      : qsTr("服务目录暂不可用，请到窗口办理。")
        }
        Grid {
            id: grid
            width: parent.width
            columns: Theme.elder || Theme.portrait ? 1 : 2  // two long names side by side would wrap past their tiles
            spacing: Theme.gap
            Repeater {
                model: screen.items.slice(screen.page * screen.perPage, (screen.page + 1) * screen.perPage)
                Tile {
                    objectName: "service_" + modelData.code
                    width: (grid.width - grid.spacing * (grid.columns - 1)) / grid.columns
                    height: Theme.target * 1.15
                    text: modelData.name
                    hint: ""
                    available: modelData.available
                    onClicked: kiosk.chooseService(modelData.code)
                }
            }
        }
        Row {
            spacing: Theme.gap
            visible: screen.pages > 1
            BigButton {
                objectName: "prevPage"; text: qsTr("上一页"); enabled: screen.page > 0
                onClicked: screen.page -= 1
            }
            Body {
                width: implicitWidth; anchors.verticalCenter: parent.verticalCenter
                text: qsTr("第 %1 / %2 页").arg(screen.page + 1).arg(screen.pages)
            }
            BigButton {
                objectName: "nextPage"; text: qsTr("下一页"); enabled: screen.page < screen.pages - 1
                onClicked: screen.page += 1
            }
        }
    }
}
