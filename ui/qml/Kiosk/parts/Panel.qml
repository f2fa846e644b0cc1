import QtQuick
import Kiosk

Rectangle {
    color: Theme.card
    radius: Theme.radius
    border.color: Theme.line
    border.width: 2
}
