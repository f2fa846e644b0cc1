import QtQuick
import Kiosk

// 好差评: five levels, none chosen in advance (GB/T 39734: no nudging), reasons optional.
ScreenBase {
    id: screen
    screenName: "Rating"
    speech: qsTr("请为本次服务评价。从非常满意到非常不满意，点一个就可以。")
    property int level: 0
    property var reasons: []
    readonly property var levels: [
        { level: 5, text: qsTr("非常满意"), stars: "★★★★★" },
        { level: 4, text: qsTr("满意"), stars: "★★★★" },
        { level: 3, text: qsTr("基本满意"), stars: "★★★" },
        { level: 2, text: qsTr("不满意"), stars: "★★" },
        { level: 1, text: qsTr("非常不满意"), stars: "★" }
    ]
    readonly property var reasonTexts: [qsTr("等待时间长"), qsTr("操作太复杂"), qsTr("字看不清"), qsTr("设备有故障"), qsTr("材料要求不清楚")]

    Column {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap
        Heading { text: qsTr("您对本次服务满意吗？") }
        Grid {  // five side by side; one under another on an upright (立式) kiosk, too narrow for five
            columns: Theme.portrait ? 1 : 5
            spacing: Theme.gap
            Repeater {
                model: screen.levels
                BigButton {
                    objectName: "rate_" + modelData.level
                    width: Theme.portrait ? screen.width - 2 * Theme.margin : (screen.width - 2 * Theme.margin - 4 * Theme.gap) / 5
                    height: Theme.portrait ? Theme.target : Theme.target * 1.6
                    primary: screen.level === modelData.level
                    text: modelData.stars + (Theme.portrait ? "  " : "\n") + modelData.text
                    onClicked: screen.level = modelData.level
                }
            }
        }
        Body {
            visible: screen.level > 0 && screen.level <= 2
            text: qsTr("请告诉我们哪里不好（可多选，也可以不选）：")
        }
        Flow {
            width: parent.width
            spacing: Theme.gap
            visible: screen.level > 0 && screen.level <= 2
            Repeater {
                model: screen.reasonTexts
                BigButton {
                    objectName: "reason_" + index
                    text: modelData
                    primary: screen.reasons.indexOf(modelData) >= 0
                    onClicked: {
                        const r = screen.reasons.slice(), i = r.indexOf(modelData)
                        i >= 0 ? r.splice(i, 1) : r.push(modelData)
                        screen.reasons = r
                    }
                }
            }
        }
        Row {
            spacing: Theme.gap * 2
            BigButton { objectName: "skipRating"; text: qsTr("不评价"); onClicked: kiosk.skipRating() }
            BigButton {
                objectName: "submitRating"; primary: true
                enabled: screen.level > 0 && !kiosk.busy
                text: qsTr("提交评价")
                onClicked: kiosk.rate(screen.level, screen.reasons)
            }
        }
    }
}
