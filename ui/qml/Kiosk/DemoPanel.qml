import QtQuick
import QtQuick.Window

// The demo panel: a small second window that plays the villager's hands on the virtual devices.
Window {
    id: panel
    width: 420; height: Math.min(900, Screen.desktopAvailableHeight - 40)
    x: 10; y: 10
    visible: true
    title: "演示面板 (virtual devices)"
    color: "#ECEFF3"
    component Act: Rectangle {
        property alias text: label.text
        signal clicked()
        width: parent ? parent.width : 380; height: 52; radius: 8
        color: area.pressed ? "#C9D6E6" : "#FFFFFF"; border.color: "#0A4F96"; border.width: 2
        Text { id: label; anchors.centerIn: parent; font.pixelSize: 20; color: "#0A3A6E" }
        MouseArea { id: area; anchors.fill: parent; onClicked: parent.clicked() }
    }
    Flickable {
        anchors.fill: parent; anchors.margins: 12
        contentHeight: col.height
        Column {
            id: col
            width: parent.width
            spacing: 8
            Text { text: "社保卡"; font.pixelSize: 22; font.bold: true }
            Repeater {
                model: demo.villagers
                Act { text: "插卡：" + modelData.label; onClicked: demo.insertCard(modelData.key) }
            }
            Act { text: "拔卡"; onClicked: demo.removeCard() }
            Text { text: "高拍仪"; font.pixelSize: 22; font.bold: true }
            Repeater {
                model: demo.documents
                Act { text: "放材料：" + modelData.label; onClicked: demo.showDocument(modelData.key) }
            }
            Act { text: "拿走材料"; onClicked: demo.takeAway() }
            Text { text: "签名板"; font.pixelSize: 22; font.bold: true }
            Act { text: "在签名板上签名"; onClicked: demo.sign() }
            Text { text: "网络和设备"; font.pixelSize: 22; font.bold: true }
            Act { text: demo.networkUp ? "断开网络" : "恢复网络"; onClicked: demo.setNetwork(!demo.networkUp) }
            Act { text: "拔掉高拍仪"; onClicked: demo.unplug("camera") }
            Act { text: "打印机缺纸"; onClicked: demo.unplug("printer") }
            Text {
                width: parent.width; wrapMode: Text.Wrap; font.pixelSize: 16; color: "#333333"
                text: "演示账号（密码 Demo2026）：协管员 xiezhu — 长按首页左上角3秒；技术员 jishu — 长按读卡区左下角3秒"
            }
            Text { width: parent.width; wrapMode: Text.Wrap; text: demo.log; font.pixelSize: 16; color: "#333333" }
        }
    }
}
