pragma Singleton
import QtQuick
import Kiosk.Backend

// One place for the kiosk's look, derived from the traveler's presentation choices (larger text,
// high contrast). Sizes are pixels of the 1080x1920 design stage, which Main.qml scales to the
// window. 1 mm on a 21.5" portrait panel is about 4 px, so the 15 mm minimum touch target is 60 px;
// buttons here are far larger.
QtObject {
    readonly property int stageWidth: 1080
    readonly property int stageHeight: 1920

    readonly property bool contrast: Presentation.highContrast
    readonly property real textScale: Presentation.largeText ? 1.3 : 1.0

    readonly property color background: contrast ? "#000000" : "#0b2545"
    readonly property color surface: contrast ? "#000000" : "#13315c"
    readonly property color outline: contrast ? "#ffffff" : "#5a7bb0"
    readonly property color text: "#ffffff"
    readonly property color textMuted: contrast ? "#ffffff" : "#c9d6ea"
    readonly property color accent: contrast ? "#ffff00" : "#8fd3ff"
    readonly property color positive: contrast ? "#00c853" : "#1f8a4c"
    readonly property color attention: contrast ? "#ff1744" : "#c0392b"
    readonly property color caution: contrast ? "#ffff00" : "#e0a526"
    readonly property color buttonText: "#000000"

    readonly property int margin: 64
    readonly property int spacing: 32
    readonly property int radius: 24
    readonly property int minTouchTarget: 60
    readonly property int buttonHeight: 160
    readonly property int toolbarHeight: 120   // the accessibility bar at the bottom of every screen

    readonly property int titleSize: Math.round(72 * textScale)
    readonly property int headingSize: Math.round(56 * textScale)
    readonly property int bodySize: Math.round(40 * textScale)
    readonly property int smallSize: Math.round(30 * textScale)

    // Han characters differ by region: each CJK language gets its own variant of Noto Sans CJK,
    // which also covers Latin, Greek and Cyrillic; Arabic falls back to DejaVu Sans.
    readonly property string fontFamily: {
        switch (Presentation.language) {
        case "ja": return "Noto Sans CJK JP"
        case "zh_CN": return "Noto Sans CJK SC"
        case "zh_TW": return "Noto Sans CJK TC"
        case "ar": return "DejaVu Sans"
        default: return "Noto Sans CJK KR"
        }
    }
}
