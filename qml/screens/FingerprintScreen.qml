import QtQuick
import Kiosk
import Kiosk.Backend

Item {
    id: screen
    required property KioskWorkflow workflow
    readonly property string spokenPrompt: instruction(workflow.requestedFinger) + " " + hint.message

    // Whole sentences per finger: word order and grammar differ by language.
    function instruction(position) {
        switch (position) {
        case 1: return qsTr("Place your right thumb on the scanner")
        case 2: return qsTr("Place your right index finger on the scanner")
        case 3: return qsTr("Place your right middle finger on the scanner")
        case 4: return qsTr("Place your right ring finger on the scanner")
        case 5: return qsTr("Place your right little finger on the scanner")
        case 6: return qsTr("Place your left thumb on the scanner")
        case 7: return qsTr("Place your left index finger on the scanner")
        case 8: return qsTr("Place your left middle finger on the scanner")
        case 9: return qsTr("Place your left ring finger on the scanner")
        case 10: return qsTr("Place your left little finger on the scanner")
        default: return qsTr("Place your finger on the scanner")
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
            text: screen.instruction(screen.workflow.requestedFinger)
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
            readonly property string message: {
                switch (screen.workflow.fingerHint) {
                case KioskWorkflow.Checking: return qsTr("Checking your fingerprint…")
                case KioskWorkflow.NoFinger: return qsTr("No finger detected. Place your finger on the glass.")
                case KioskWorkflow.PressHarder: return qsTr("Press a little harder.")
                case KioskWorkflow.TooWet: return qsTr("Your finger is too wet. Dry it and try again.")
                case KioskWorkflow.Partial: return qsTr("Place the centre of your finger on the glass.")
                case KioskWorkflow.NoMatch: return qsTr("Please try again: lift your finger and place it flat.")
                case KioskWorkflow.DeviceProblem: return qsTr("The scanner is not responding.")
                default: return ""
                }
            }
            // A symbol as well as the colour: colour is never the only cue.
            text: message === "" ? "" : screen.workflow.fingerHint === KioskWorkflow.Checking ? message : "⚠ " + message
        }
    }

    BigButton {
        id: cancelButton
        objectName: "cancelButton"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 60
        width: 520
        tone: Theme.textMuted
        text: qsTr("Cancel")
        symbol: "✕"
        onClicked: screen.workflow.cancel()
    }
}
