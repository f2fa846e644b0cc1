import QtQuick
import Kiosk

// Every screen says what it is for: ``speech`` is read aloud when it appears (and on 重听).
Rectangle {
    property string screenName
    property string speech
    color: Theme.page
}
