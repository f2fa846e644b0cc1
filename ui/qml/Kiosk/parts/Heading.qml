import QtQuick
import Kiosk

Text {
    width: parent ? parent.width : implicitWidth
    wrapMode: Text.Wrap
    font.pixelSize: Theme.title
    font.bold: true
    color: Theme.ink
    lineHeight: 1.2
}
