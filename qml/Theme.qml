pragma Singleton
import QtQuick

// One read-only place for the kiosk's look. Sizes are in pixels of the 1080x1920 design stage,
// which Main.qml scales to the real window. 1 mm on a 21.5" portrait panel is about 4 px, so the
// 15 mm minimum touch target is 60 px; buttons here are far larger.
QtObject {
    readonly property int stageWidth: 1080
    readonly property int stageHeight: 1920

    readonly property color background: "#0b2545"
    readonly property color surface: "#13315c"
    readonly property color text: "#ffffff"
    readonly property color textMuted: "#c9d6ea"
    readonly property color accent: "#8fd3ff"
    readonly property color positive: "#1f8a4c"
    readonly property color attention: "#c0392b"
    readonly property color caution: "#e0a526"
    readonly property color buttonText: "#0b2545"

    readonly property int margin: 64
    readonly property int spacing: 32
    readonly property int radius: 24
    readonly property int minTouchTarget: 60
    readonly property int buttonHeight: 160

    readonly property int titleSize: 72
    readonly property int headingSize: 56
    readonly property int bodySize: 40
    readonly property int smallSize: 30

    readonly property string fontFamily: "Noto Sans CJK KR"
}
