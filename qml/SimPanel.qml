import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Window
import Kiosk.Backend

// The developer's control panel (simulator mode only): a plain desktop window, not kiosk UI, so
// it uses stock Qt Quick Controls and is not translated.
Window {
    id: panelWindow
    required property SimulatorPanel panel
    width: 520
    height: 900
    visible: true
    title: "Kiosk simulator"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 10

        Label { text: "Traveler"; font.bold: true }
        ComboBox {
            objectName: "travelerPicker"
            Layout.fillWidth: true
            model: panelWindow.panel.travelers
            currentIndex: Math.max(0, model.indexOf(panelWindow.panel.traveler))
            onActivated: panelWindow.panel.traveler = currentText
        }

        Label { text: "Passport"; font.bold: true }
        GridLayout {
            columns: 2
            Button { text: "Present (clean)"; onClicked: panelWindow.panel.presentPassport("clean") }
            Button { text: "Bad check digit"; onClicked: panelWindow.panel.presentPassport("bad-check-digit") }
            Button { text: "Smudged"; onClicked: panelWindow.panel.presentPassport("smudged") }
            Button { text: "Misaligned"; onClicked: panelWindow.panel.presentPassport("misaligned") }
        }

        Label { text: "Finger"; font.bold: true }
        GridLayout {
            columns: 3
            Button { text: "Genuine"; onClicked: panelWindow.panel.presentFinger("genuine") }
            Button { text: "Another person's"; onClicked: panelWindow.panel.presentFinger("impostor") }
            Button { text: "Poor (dry)"; onClicked: panelWindow.panel.presentFinger("poor") }
            Button { text: "Partial"; onClicked: panelWindow.panel.presentFinger("partial") }
            Button { text: "None"; onClicked: panelWindow.panel.presentFinger("none") }
        }

        Label { text: "Faults"; font.bold: true }
        CheckBox { text: "Passport reader connected"; checked: true; onToggled: panelWindow.panel.setDeviceConnected("passport", checked) }
        CheckBox { text: "Fingerprint scanner connected"; checked: true; onToggled: panelWindow.panel.setDeviceConnected("fingerprint", checked) }
        RowLayout {
            Label { text: "Printer" }
            ComboBox {
                model: ["none", "paper-near-end", "paper-out", "cover-open", "cutter-error", "offline"]
                onActivated: panelWindow.panel.setPrinterFault(currentText)
            }
        }

        RowLayout {
            Label { text: "Fingerprint platen" }
            ComboBox {
                model: ["ideal", "worn", "dirty"]
                onActivated: panelWindow.panel.setPlatenCondition(currentText)
            }
            Button { text: "Wipe"; onClicked: panelWindow.panel.wipePlaten() }
            CheckBox { text: "Test target"; onToggled: panelWindow.panel.showTestTarget(checked) }
        }

        RowLayout {
            Label { text: "Clock +" + panelWindow.panel.clockOffsetHours + " h" }
            Button { text: "+25 h (member list stale)"; onClicked: panelWindow.panel.advanceClock(25) }
            Button { text: "Reset"; onClicked: panelWindow.panel.resetClock() }
        }

        Label { text: "Recording (" + panelWindow.panel.recordedVisits + " visits)"; font.bold: true }
        RowLayout {
            TextField { id: recordingPath; Layout.fillWidth: true; text: "out/recorded-scenario.json" }
            Button {
                text: "Save scenario"
                enabled: panelWindow.panel.recordedVisits > 0
                onClicked: savedLabel.text = panelWindow.panel.saveRecording(recordingPath.text)
            }
        }
        Label { id: savedLabel; text: ""; elide: Text.ElideMiddle; Layout.fillWidth: true }

        Label { text: "Last receipt (" + panelWindow.panel.receiptsPrinted + " printed)"; font.bold: true }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Image {
                source: panelWindow.panel.lastReceipt
                fillMode: Image.PreserveAspectFit
                width: 288
                cache: false
            }
        }
    }
}
