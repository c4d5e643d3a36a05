import QtQuick
import Kiosk
import Kiosk.Backend

Item {
    id: screen
    required property KioskWorkflow workflow

    function fingerName(position) {
        switch (position) {
        case 1: return qsTr("right thumb")
        case 2: return qsTr("right index finger")
        case 3: return qsTr("right middle finger")
        case 4: return qsTr("right ring finger")
        case 5: return qsTr("right little finger")
        case 6: return qsTr("left thumb")
        case 7: return qsTr("left index finger")
        case 8: return qsTr("left middle finger")
        case 9: return qsTr("left ring finger")
        case 10: return qsTr("left little finger")
        default: return qsTr("finger")
        }
    }

    Column {
        anchors.top: parent.top
        anchors.topMargin: 200
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width - 2 * Theme.margin
        spacing: 56

        StepIndicator { step: 2; anchors.horizontalCenter: parent.horizontalCenter }
        ScreenTitle {
            objectName: "fingerInstruction"
            //: %1 is a finger, e.g. "right index finger"
            text: qsTr("Place your %1 on the scanner").arg(screen.fingerName(screen.workflow.requestedFinger))
        }
        BodyText { text: qsTr("Press gently and keep it still until the light goes out.") }
        HandDiagram {
            anchors.horizontalCenter: parent.horizontalCenter
            highlighted: screen.workflow.requestedFinger
        }
        BodyText {
            visible: screen.workflow.fingerAttempt > 0
            //: Attempts at the fingerprint scanner, e.g. "Attempt 2 of 3"
            text: qsTr("Attempt %1 of %2").arg(screen.workflow.fingerAttempt + 1).arg(screen.workflow.maxFingerAttempts)
        }
    }

    Rectangle {
        objectName: "fingerHint"
        visible: hint.text !== ""
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: cancelButton.top
        anchors.bottomMargin: 60
        width: parent.width - 2 * Theme.margin
        height: hint.implicitHeight + 60
        radius: Theme.radius
        color: screen.workflow.fingerHint === KioskWorkflow.Checking ? Theme.surface : Theme.caution
        Text {
            id: hint
            anchors.centerIn: parent
            width: parent.width - 60
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.bodySize
            font.bold: true
            font.family: Theme.fontFamily
            color: screen.workflow.fingerHint === KioskWorkflow.Checking ? Theme.text : Theme.buttonText
            text: {
                switch (screen.workflow.fingerHint) {
                case KioskWorkflow.Checking: return qsTr("Checking your fingerprint…")
                case KioskWorkflow.NoFinger: return qsTr("⚠ No finger detected. Place your finger on the glass.")
                case KioskWorkflow.PressHarder: return qsTr("⚠ Press a little harder.")
                case KioskWorkflow.TooWet: return qsTr("⚠ Your finger is too wet. Dry it and try again.")
                case KioskWorkflow.Partial: return qsTr("⚠ Place the centre of your finger on the glass.")
                case KioskWorkflow.NoMatch: return qsTr("⚠ Please try again: lift your finger and place it flat.")
                case KioskWorkflow.DeviceProblem: return qsTr("⚠ The scanner is not responding.")
                default: return ""
                }
            }
        }
    }

    BigButton {
        id: cancelButton
        objectName: "cancelButton"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 120
        width: 520
        tone: Theme.textMuted
        text: qsTr("Cancel")
        symbol: "✕"
        onClicked: screen.workflow.cancel()
    }
}
