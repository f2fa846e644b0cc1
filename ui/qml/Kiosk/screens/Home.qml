import QtQuick
import Kiosk

ScreenBase {
    screenName: "Home"
    speech: qsTr("您好！请把社保卡插入右下方读卡口，或点击屏幕上的大按钮查看服务。")

    Grid {  // landscape: the card beside the tiles; upright (立式): the card above them
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.margin
        columns: Theme.portrait ? 1 : 2

        Panel {
            id: cardPanel
            objectName: "insertCardPanel"
            width: Theme.portrait ? parent.width : parent.width * 0.36
            height: Theme.portrait ? parent.height * 0.4 : parent.height
            Column {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.margin
                spacing: Theme.gap
                Heading {
                    text: qsTr("请插入社保卡")
                    horizontalAlignment: Text.AlignHCenter
                    font.pixelSize: Theme.huge
                }
                Item {   // the reader slot, with a card sliding into it: where the card goes
                    clip: true   // the part of the card inside the slot is hidden
                    width: parent.width; height: Theme.target * 2.4
                    Rectangle {
                        id: slot
                        anchors.horizontalCenter: parent.horizontalCenter
                        anchors.bottom: parent.bottom
                        width: parent.width * 0.7; height: Theme.px(28); radius: Theme.px(8)
                        z: 1
                        color: Theme.ink
                    }
                    Rectangle {
                        id: cardShape
                        height: parent.height * 0.6; width: height / 0.63; radius: Theme.px(14)
                        anchors.horizontalCenter: parent.horizontalCenter
                        color: Theme.primary
                        Rectangle {  // the chip
                            x: parent.width * 0.1; y: parent.height * 0.3; width: parent.width * 0.22
                            height: parent.height * 0.28; radius: Theme.px(6); color: "#E8C15A"
                        }
                        Text {
                            anchors.right: parent.right; anchors.bottom: parent.bottom; anchors.margins: Theme.px(16)
                            text: qsTr("芯片朝上"); color: Theme.primaryText
                            font.pixelSize: Theme.small; font.bold: true
                        }
                        SequentialAnimation on y {
                            running: true; loops: Animation.Infinite
                            // slides down until its lower half is in the slot, the way the card goes in
                            NumberAnimation { from: 0; to: cardShape.parent.height * 0.55; duration: 1400; easing.type: Easing.InOutQuad }
                            PauseAnimation { duration: 900 }
                            NumberAnimation { from: cardShape.parent.height * 0.55; to: 0; duration: 300 }
                        }
                    }
                }
                Body {
                    text: qsTr("读卡口在屏幕右下方，芯片朝上，插到底。")
                    horizontalAlignment: Text.AlignHCenter
                }
                Body {
                    visible: kiosk.unavailableText !== ""
                    text: kiosk.unavailableText
                    color: Theme.danger
                    font.bold: true
                    horizontalAlignment: Text.AlignHCenter
                }
            }
            MouseArea {   // technicians: hold the lower left corner for 3 s to reach 设备诊断
                objectName: "technicianEntry"
                anchors { left: parent.left; bottom: parent.bottom }
                width: Theme.px(120); height: Theme.px(120)
                pressAndHoldInterval: 3000
                onPressAndHold: kiosk.openDiag()
            }
        }

        Grid {
            id: tiles
            width: Theme.portrait ? parent.width : parent.width - cardPanel.width - Theme.margin
            height: Theme.portrait ? parent.height - cardPanel.height - Theme.margin : parent.height
            columns: Theme.tileColumns
            spacing: Theme.gap
            property int tileHeight: (height - spacing * (Math.ceil(6 / columns) - 1)) / Math.ceil(6 / columns)
            Repeater {
                model: kiosk.homeTiles
                Tile {
                    objectName: "tile_" + modelData.key
                    width: (tiles.width - tiles.spacing * (tiles.columns - 1)) / tiles.columns
                    height: tiles.tileHeight
                    text: modelData.title
                    hint: Theme.elder ? "" : modelData.hint
                    available: modelData.available
                    onClicked: kiosk.openTile(modelData.key)
                }
            }
        }
    }
}
