import QtQuick
import Kiosk

// The touch grid test: touch every cell; a cell that stays grey is a dead zone.
Rectangle {
    id: root
    signal closed()
    color: Theme.page

    Grid {
        id: cells
        anchors { fill: parent; bottomMargin: done.height + Theme.gap * 2 }
        columns: diag.touchColumns
        Repeater {
            model: diag.touchCells
            Rectangle {
                objectName: "touchCell_" + index
                width: cells.width / diag.touchColumns
                height: cells.height / Math.ceil(diag.touchCells.length / diag.touchColumns)
                color: modelData ? Theme.goodBg : "#D9D9D9"
                border.color: Theme.line
                Text { anchors.centerIn: parent; text: modelData ? "✓" : ""; font.pixelSize: 32; color: Theme.good }
                MouseArea { anchors.fill: parent; onPressed: diag.touchCell(index) }
            }
        }
    }
    Row {
        anchors { bottom: parent.bottom; horizontalCenter: parent.horizontalCenter; margins: Theme.gap }
        spacing: Theme.gap
        BigButton { compact: true; text: qsTr("重新测试"); onClicked: diag.resetTouch() }
        BigButton { id: done; objectName: "touchDone"; compact: true; primary: true; text: qsTr("完成"); onClicked: root.closed() }
    }
}
