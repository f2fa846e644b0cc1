pragma Singleton
import QtQuick

// Sizes and colours for normal and 长辈模式. Numbers are pixels on the kiosk panel (1920×1080, 21.5"):
// ~4 px per mm, so 60 dp (9.5 mm) is ~38 px and a 5.7 mm em (18 dp read at 60 cm) is ~23 px.
// Both modes stay well above those; 长辈模式 goes further and shows fewer items per screen.
QtObject {
    property bool elder: true

    // Colours: dark text on warm paper; every text/background pair here is ≥ 4.5:1 (walker checks).
    readonly property color page: "#F5F2EA"
    readonly property color card: "#FFFFFF"
    readonly property color ink: "#1B1B1B"
    readonly property color inkSoft: "#3D3D3D"
    readonly property color primary: "#0A4F96"
    readonly property color primaryText: "#FFFFFF"
    readonly property color secondary: "#E3ECF6"
    readonly property color secondaryText: "#0A3A6E"
    readonly property color danger: "#9E1B1B"
    readonly property color dangerBg: "#FBE9E7"
    readonly property color good: "#1D5E32"
    readonly property color goodBg: "#E6F2E8"
    readonly property color warnBg: "#FFF3CC"
    readonly property color line: "#8A8A8A"
    readonly property color bar: "#0A3A6E"
    readonly property color barText: "#FFFFFF"

    readonly property int body: elder ? 38 : 28
    readonly property int small: elder ? 32 : 24
    readonly property int title: elder ? 54 : 42
    readonly property int huge: elder ? 72 : 58
    readonly property int target: elder ? 100 : 80   // minimum touch height
    readonly property int gap: elder ? 22 : 18
    readonly property int margin: elder ? 36 : 30
    readonly property int radius: 18
    readonly property int tileColumns: elder ? 3 : 3
    readonly property int listRows: elder ? 3 : 5     // fewer items per screen in 长辈模式
    readonly property real lineHeight: 1.35           // MIIT §1.2: ≥ 1.3
}
