import QtQuick
import Kiosk

// "Step 2 of 4" as dots and words, so travelers see how far they are.
Row {
    id: indicator
    property int step: 1
    property int steps: 4
    spacing: 20

    Repeater {
        model: indicator.steps
        Rectangle {
            required property int index
            width: 28; height: 28; radius: 14
            color: index < indicator.step ? Theme.accent : "transparent"
            border.color: Theme.accent
            border.width: 4
            anchors.verticalCenter: parent.verticalCenter
        }
    }
    Text {
        //: Progress through the kiosk's steps, e.g. "Step 2 of 4"
        text: qsTr("Step %1 of %2").arg(indicator.step).arg(indicator.steps)
        font.pixelSize: Theme.smallSize
        font.family: Theme.fontFamily
        color: Theme.textMuted
        leftPadding: 12
        anchors.verticalCenter: parent.verticalCenter
    }
}
