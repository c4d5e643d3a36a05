pragma Singleton
import QtQuick

// The console's look: a dark, dense workshop palette, deliberately unlike the traveler's screens so
// nobody mistakes one for the other. Sizes are pixels of the 1080x1920 stage; touch targets stay
// at or above 80 px (20 mm) for gloved fingers.
QtObject {
    readonly property color background: "#1b1f24"
    readonly property color surface: "#262c33"
    readonly property color surfaceRaised: "#323a43"
    readonly property color outline: "#4b5663"
    readonly property color text: "#f2f4f7"
    readonly property color textMuted: "#aab4c0"
    readonly property color accent: "#ffb020"
    readonly property color good: "#3fbf6a"
    readonly property color bad: "#ef5350"
    readonly property color warn: "#ffca28"
    readonly property color buttonText: "#111111"

    readonly property int margin: 24
    readonly property int spacing: 16
    readonly property int radius: 10
    readonly property int touchTarget: 88

    readonly property int headingSize: 36
    readonly property int bodySize: 26
    readonly property int smallSize: 22
    readonly property string fontFamily: "DejaVu Sans"
    readonly property string monoFamily: "DejaVu Sans Mono"
}
