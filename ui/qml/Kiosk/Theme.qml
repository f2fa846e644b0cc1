pragma Singleton
import QtQuick

// Sizes and colours for normal and 长辈模式. Numbers are pixels on the kiosk panel they were designed for
// (1920×1080, 21.5"): ~4 px per mm, so 60 dp (9.5 mm) is ~38 px and a 5.7 mm em (18 dp read at 60 cm) is ~23 px.
// Both modes stay well above those; 长辈模式 goes further and shows fewer items per screen.
// Cheaper panels of the same size have fewer pixels (1366×768, 1280×720): ``scale`` (the short side / 1080,
// set by Main.qml) keeps every size the same in millimetres there; an upright 1080×1920 kiosk keeps 1.
QtObject {
    property bool elder: true
    property real scale: 1.0        // pixels per design pixel (Main.qml: the window's short side / 1080)
    property bool portrait: false   // an upright (立式) kiosk: screens stack what landscape puts side by side

    function px(designPixels) { return Math.round(designPixels * scale) }

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

    readonly property int body: px(elder ? 38 : 28)
    readonly property int small: px(elder ? 32 : 24)
    readonly property int title: px(elder ? 54 : 42)
    readonly property int huge: px(elder ? 72 : 58)
    readonly property int target: px(elder ? 100 : 80)   // minimum touch height
    readonly property int gap: px(elder ? 22 : 18)
    readonly property int margin: px(elder ? 36 : 30)
    readonly property int radius: px(18)
    readonly property int tileColumns: portrait || elder ? 2 : 3
    readonly property int listRows: (elder ? 3 : 5) * (portrait ? 2 : 1)  // fewer items per screen in 长辈模式
    readonly property real lineHeight: 1.35           // MIIT §1.2: ≥ 1.3
}
