import QtQuick
import Kiosk

// 一次性告知: everything the villager needs to know before starting, on one screen.
ScreenBase {
    screenName: "Notice"
    speech: kiosk.service.speech ? kiosk.service.speech
            : qsTr("请看办理须知，准备好材料后点击开始办理。")

    Flickable {
        id: flick
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: footer.top; margins: Theme.margin }
        contentHeight: col.height
        clip: true
        Column {
            id: col
            width: flick.width
            spacing: Theme.gap
            Heading { objectName: "serviceName"; text: kiosk.service.name || "" }
            Body { text: kiosk.service.notice || "" }
            Body {
                visible: (kiosk.service.materials || []).length > 0
                font.bold: true
                text: qsTr("需要拍照的材料：") + (kiosk.service.materials || []).map(m => m.name).join("、")
            }
            Body {
                visible: (kiosk.service.materials || []).length === 0
                text: qsTr("本事项不需要拍照材料。")
            }
            Body {
                visible: (kiosk.service.time_limit_days || 0) > 0
                text: qsTr("办理时限：%1 个工作日").arg(kiosk.service.time_limit_days)
            }
            Body {
                visible: kiosk.service.needs_pin === true
                text: qsTr("办理时需要输入社保卡密码。")
            }
        }
    }
    Column {  // always in view: why 开始办理 is grey, and that the notice goes on below the fold
        id: footer
        anchors { bottom: parent.bottom; horizontalCenter: parent.horizontalCenter; margins: Theme.margin }
        width: parent.width - 2 * Theme.margin
        spacing: Theme.gap
        Body {
            objectName: "moreBelow"
            horizontalAlignment: Text.AlignHCenter
            visible: flick.contentHeight > flick.height + 1 && !flick.atYEnd
            color: Theme.inkSoft
            text: qsTr("下面还有内容，请用手指向上滑动查看。")
        }
        Body {
            objectName: "needCard"
            horizontalAlignment: Text.AlignHCenter
            visible: kiosk.service.needs_card === true && !kiosk.hasCard
            color: Theme.danger; font.bold: true
            text: qsTr("本事项需要社保卡：请先插入社保卡。")
        }
        Row {
            id: buttons
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: Theme.gap * 2
            BigButton { objectName: "backButton"; text: qsTr("返回"); onClicked: kiosk.back() }
            BigButton {
                objectName: "beginButton"
                primary: true
                enabled: kiosk.service.needs_card !== true || kiosk.hasCard
                text: qsTr("开始办理")
                onClicked: kiosk.beginService()
            }
        }
    }
}
