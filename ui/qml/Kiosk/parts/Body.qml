import QtQuick
import Kiosk

Text {
    width: parent ? parent.width : implicitWidth
    wrapMode: Text.Wrap
    font.pixelSize: Theme.body
    color: Theme.ink
    lineHeight: Theme.lineHeight
}
