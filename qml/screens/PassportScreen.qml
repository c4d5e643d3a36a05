import QtQuick
import Kiosk
import Kiosk.Backend

Item {
    id: screen
    required property KioskWorkflow workflow
    readonly property string spokenPrompt: title.text + " " + hint.message

    Column {
        anchors.top: parent.top
        anchors.topMargin: 200
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width - 2 * Theme.margin
        spacing: 56

        StepIndicator { step: 1; anchors.horizontalCenter: parent.horizontalCenter }
        ScreenTitle { id: title; text: qsTr("Place your passport on the reader") }
        BodyText { text: qsTr("Open it at the photo page and lay it face down on the glass.") }

        Item {  // the reader glass and a passport sliding onto it
            width: 640; height: 480
            anchors.horizontalCenter: parent.horizontalCenter
            Rectangle {
                anchors.fill: parent
                radius: 32
                color: Theme.surface
                border.color: Theme.accent
                border.width: 6
            }
            Rectangle {
                id: passport
                width: 420; height: 300; radius: 16
                x: (parent.width - width) / 2
                color: "#3b5b8c"; border.color: Theme.text; border.width: 4
                Column {  // the machine readable zone, drawn as two lines of chevrons
                    anchors.bottom: parent.bottom; anchors.bottomMargin: 30
                    anchors.horizontalCenter: parent.horizontalCenter
                    spacing: 8
                    Repeater {
                        model: 2
                        Text { text: "P<<<<<<<<<<<<<<<<<<<<<"; font.family: "monospace"; font.pixelSize: 26; color: Theme.textMuted }
                    }
                }
                SequentialAnimation on y {
                    loops: Animation.Infinite
                    running: screen.workflow.passportHint !== KioskWorkflow.Reading
                    NumberAnimation { from: -120; to: 90; duration: 1400; easing.type: Easing.OutCubic }
                    PauseAnimation { duration: 1200 }
                }
            }
        }
    }

    Rectangle {
        id: hintBox
        objectName: "passportHint"
        visible: hint.text !== ""
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: cancelButton.top
        anchors.bottomMargin: 60
        width: parent.width - 2 * Theme.margin
        height: hint.implicitHeight + 60
        radius: Theme.radius
        color: screen.workflow.passportHint === KioskWorkflow.Reading ? Theme.surface : Theme.caution
        Text {
            id: hint
            anchors.centerIn: parent
            width: parent.width - 60
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.bodySize
            font.bold: true
            font.family: Theme.fontFamily
            color: screen.workflow.passportHint === KioskWorkflow.Reading ? Theme.text : Theme.buttonText
            readonly property string message: {
                switch (screen.workflow.passportHint) {
                case KioskWorkflow.Reading: return qsTr("Reading your passport… please hold it still.")
                case KioskWorkflow.Unreadable: return qsTr("We could not see your passport. Place the photo page flat on the glass.")
                case KioskWorkflow.Misread: return qsTr("Please lift your passport and place it again, pressing it flat.")
                default: return ""
                }
            }
            text: message === "" ? "" : screen.workflow.passportHint === KioskWorkflow.Reading ? message : "⚠ " + message
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
