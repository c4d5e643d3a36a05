import QtQuick
import Kiosk.Technician

// One calibration wizard: the step, the instruction, a picture with the regions to look at, the
// progress, and at the end pass or fail with the problems and a before/after chart of its figures.
Rectangle {
    id: screen
    required property ConsoleController controller
    readonly property CalibrationWizard wizard: controller.activeWizard
    readonly property bool done: wizard !== null && (wizard.status === CalibrationWizard.Passed || wizard.status === CalibrationWizard.Failed)
    color: ConsoleStyle.background

    Flickable {
        anchors.fill: parent
        contentHeight: column.height
        clip: true
        Column {
            id: column
            width: parent.width
            spacing: ConsoleStyle.spacing
            visible: screen.wizard !== null

            Text {
                width: parent.width
                text: screen.wizard ? screen.wizard.title : ""
                color: ConsoleStyle.accent
                font.family: ConsoleStyle.fontFamily
                font.pixelSize: ConsoleStyle.headingSize
                font.bold: true
                wrapMode: Text.Wrap
            }
            // Progress.
            Rectangle {
                objectName: "wizardProgress"
                width: parent.width
                height: 24
                radius: 12
                color: ConsoleStyle.surfaceRaised
                Rectangle {
                    width: parent.width * (screen.wizard ? screen.wizard.progress : 0)
                    height: parent.height
                    radius: 12
                    color: screen.done ? (screen.wizard.status === CalibrationWizard.Passed ? ConsoleStyle.good : ConsoleStyle.bad) : ConsoleStyle.accent
                }
            }
            Text {
                objectName: "wizardStep"
                width: parent.width
                text: screen.wizard ? (screen.wizard.status === CalibrationWizard.Passed ? "✓ " : screen.wizard.status === CalibrationWizard.Failed ? "✕ " : "") + screen.wizard.stepText : ""
                color: screen.done ? (screen.wizard.status === CalibrationWizard.Passed ? ConsoleStyle.good : ConsoleStyle.bad) : ConsoleStyle.text
                font.family: ConsoleStyle.fontFamily
                font.pixelSize: ConsoleStyle.headingSize
                font.bold: true
                wrapMode: Text.Wrap
            }
            Text {
                objectName: "wizardPrompt"
                width: parent.width
                text: screen.wizard ? (screen.wizard.status === CalibrationWizard.Idle ? screen.wizard.summary : screen.wizard.prompt) : ""
                color: ConsoleStyle.text
                font.family: ConsoleStyle.fontFamily
                font.pixelSize: ConsoleStyle.bodySize
                wrapMode: Text.Wrap
            }
            Rectangle {
                width: parent.width
                height: 520
                visible: screen.wizard !== null && screen.wizard.hasImage
                color: "#000000"
                border.color: ConsoleStyle.outline
                DiagnosticImage {
                    id: wizardImage
                    objectName: "wizardImage"
                    anchors.fill: parent
                    anchors.margins: 4
                    highlights: screen.wizard ? screen.wizard.highlights : []
                }
                Binding {
                    target: wizardImage
                    property: "image"
                    value: screen.wizard ? screen.wizard.image : null
                    when: screen.wizard !== null
                }
            }
            // Problems, when it failed.
            Repeater {
                model: screen.wizard ? screen.wizard.problems : []
                delegate: Text {
                    required property string modelData
                    width: column.width
                    text: "✕ " + modelData
                    color: ConsoleStyle.bad
                    font.family: ConsoleStyle.fontFamily
                    font.pixelSize: ConsoleStyle.bodySize
                    wrapMode: Text.Wrap
                }
            }
            // Before/after chart: one pair of bars per figure, each scaled to the larger of the two.
            Section {
                objectName: "figureChart"
                visible: screen.wizard !== null && screen.wizard.figures.length > 0
                title: "Before (grey) and after (colour)"
                Repeater {
                    model: screen.wizard ? screen.wizard.figures : []
                    delegate: Column {
                        id: figure
                        required property var modelData
                        readonly property real largest: Math.max(Math.abs(modelData.before), Math.abs(modelData.after), 1e-9)
                        readonly property bool improved: modelData.lowerIsBetter ? modelData.after <= modelData.before : modelData.after >= modelData.before
                        width: parent ? parent.width : 400
                        spacing: 4
                        Text {
                            width: parent.width
                            text: figure.modelData.name + (figure.modelData.unit !== "" ? " (" + figure.modelData.unit + ")" : "")
                            color: ConsoleStyle.text
                            font.family: ConsoleStyle.fontFamily
                            font.pixelSize: ConsoleStyle.smallSize
                            wrapMode: Text.Wrap
                        }
                        Repeater {
                            model: [ { label: "before", value: figure.modelData.before }, { label: "after", value: figure.modelData.after } ]
                            delegate: Row {
                                required property var modelData
                                spacing: 12
                                Text {
                                    width: 110
                                    text: parent.modelData.label
                                    color: ConsoleStyle.textMuted
                                    font.family: ConsoleStyle.fontFamily
                                    font.pixelSize: ConsoleStyle.smallSize
                                }
                                Rectangle {
                                    width: Math.max(2, (figure.width - 300) * Math.abs(parent.modelData.value) / figure.largest)
                                    height: 30
                                    color: parent.modelData.label === "before" ? "#7d8793" : (figure.improved ? ConsoleStyle.good : ConsoleStyle.bad)
                                }
                                Text {
                                    width: 150
                                    text: Number(parent.modelData.value).toPrecision(3)
                                    color: ConsoleStyle.text
                                    font.family: ConsoleStyle.monoFamily
                                    font.pixelSize: ConsoleStyle.smallSize
                                }
                            }
                        }
                    }
                }
            }
            Row {
                spacing: ConsoleStyle.spacing
                ConsoleButton {
                    objectName: "wizardStart"
                    visible: screen.wizard !== null && screen.wizard.status !== CalibrationWizard.Running
                    text: screen.wizard && screen.wizard.status === CalibrationWizard.Idle ? "Start" : "Start again"
                    primary: true
                    onClicked: screen.wizard.start()
                }
                ConsoleButton {
                    objectName: "wizardNext"
                    visible: screen.wizard !== null && screen.wizard.status === CalibrationWizard.Running
                    text: screen.wizard && screen.wizard.working ? "Measuring…" : (screen.wizard ? screen.wizard.nextLabel || "Next" : "")
                    primary: true
                    enabledState: screen.wizard !== null && screen.wizard.canGoNext
                    onClicked: screen.wizard.next()
                }
                ConsoleButton {
                    objectName: "wizardClose"
                    text: screen.wizard && screen.wizard.status === CalibrationWizard.Running ? "Cancel" : "Close"
                    onClicked: screen.controller.closeWizard()
                }
            }
        }
    }
}
