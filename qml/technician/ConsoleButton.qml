import QtQuick

// A plain touch button; the label shrinks to fit rather than being cut.
Rectangle {
    id: button
    property string text
    property bool primary: false
    property bool enabledState: true
    signal clicked()

    implicitWidth: Math.max(180, label.implicitWidth + 48)
    implicitHeight: ConsoleStyle.touchTarget
    radius: ConsoleStyle.radius
    color: !enabledState ? ConsoleStyle.surface : primary ? ConsoleStyle.accent : ConsoleStyle.surfaceRaised
    border.color: enabledState ? ConsoleStyle.accent : ConsoleStyle.outline
    border.width: 2
    opacity: enabledState ? 1.0 : 0.6

    Text {
        id: label
        anchors.fill: parent
        anchors.margins: 8
        text: button.text
        color: button.primary && button.enabledState ? ConsoleStyle.buttonText : ConsoleStyle.text
        font.family: ConsoleStyle.fontFamily
        font.pixelSize: ConsoleStyle.bodySize
        font.bold: true
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: 14
        wrapMode: Text.NoWrap
    }
    TapHandler {
        enabled: button.enabledState
        onTapped: button.clicked()
    }
}
