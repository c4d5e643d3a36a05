import QtQuick
import Kiosk

// A touch target far above the 15 mm minimum, with text and optional symbol: colour is never the
// only cue.
Rectangle {
    id: button

    property alias text: label.text
    property string symbol: ""
    property color tone: Theme.accent
    signal clicked

    implicitWidth: 440
    implicitHeight: Theme.buttonHeight
    radius: Theme.radius
    color: tapArea.pressed ? Qt.darker(tone, 1.25) : tone
    border.color: Theme.text
    border.width: activeFocus ? 6 : 0

    Row {
        anchors.centerIn: parent
        spacing: 24
        Text {
            visible: button.symbol !== ""
            text: button.symbol
            font.pixelSize: Theme.headingSize
            font.bold: true
            color: Theme.buttonText
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            id: label
            font.pixelSize: Theme.headingSize
            font.bold: true
            font.family: Theme.fontFamily
            color: Theme.buttonText
            anchors.verticalCenter: parent.verticalCenter
            // A long translation shrinks to fit rather than being cut: an elided label hides
            // what the button does (tests/e2e/screen_gallery fails on any cut text).
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: 24
            width: Math.min(implicitWidth, button.width - 80 - (button.symbol !== "" ? 100 : 0))
        }
    }

    MouseArea {
        id: tapArea
        anchors.fill: parent
        onClicked: button.clicked()
    }

    Accessible.role: Accessible.Button
    Accessible.name: label.text
}
