import QtQuick
import Kiosk
import Kiosk.Backend

// On every screen, within reach at the bottom: larger text and high contrast. Each toggle says its
// state in words and symbol, not in colour only.
Rectangle {
    id: bar
    height: Theme.toolbarHeight
    color: Theme.surface
    border.color: Theme.outline
    border.width: 2

    component Toggle: Rectangle {
        id: toggle
        property bool on: false
        property string symbol
        property alias label: caption.text
        signal toggled
        width: 440; height: 96; radius: 18
        color: on ? Theme.accent : "transparent"
        border.color: Theme.accent
        border.width: 4
        Row {
            anchors.centerIn: parent
            spacing: 16
            Text { text: toggle.symbol; font.pixelSize: 44; font.bold: true; color: toggle.on ? Theme.buttonText : Theme.text }
            Text {
                id: caption
                font.pixelSize: 32
                font.family: Theme.fontFamily
                color: toggle.on ? Theme.buttonText : Theme.text
                width: Math.min(implicitWidth, toggle.width - 110)
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: 20
                anchors.verticalCenter: parent.verticalCenter
            }
        }
        MouseArea { anchors.fill: parent; onClicked: toggle.toggled() }
        Accessible.role: Accessible.CheckBox
        Accessible.checked: on
        Accessible.name: caption.text
    }

    Row {
        anchors.centerIn: parent
        spacing: 40
        Toggle {
            objectName: "largeTextToggle"
            symbol: "A+"
            on: Presentation.largeText
            //: Accessibility toggle: make all text larger
            label: qsTr("Larger text")
            onToggled: Presentation.largeText = !Presentation.largeText
        }
        Toggle {
            objectName: "highContrastToggle"
            symbol: "◐"
            on: Presentation.highContrast
            //: Accessibility toggle: black background, white and yellow text
            label: qsTr("High contrast")
            onToggled: Presentation.highContrast = !Presentation.highContrast
        }
    }
}
