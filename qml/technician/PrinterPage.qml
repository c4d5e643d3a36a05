import QtQuick
import Kiosk.Technician

// The printer's status bits as it reports them, the paper, and a test receipt.
Flickable {
    id: page
    required property ConsoleController controller
    readonly property PrinterDiagnostics pr: controller.printer
    contentHeight: column.height
    clip: true

    Column {
        id: column
        width: page.width
        spacing: ConsoleStyle.spacing

        Section {
            title: "Receipt printer — " + page.pr.health
            Repeater {
                model: [
                    { name: "Online", on: page.pr.online, good: true },
                    { name: "Paper out", on: page.pr.paperOut, good: false },
                    { name: "Paper near end", on: page.pr.paperNearEnd, good: false },
                    { name: "Cover open", on: page.pr.coverOpen, good: false },
                    { name: "Cutter error", on: page.pr.cutterError, good: false },
                    { name: "Ticket in presenter", on: page.pr.ticketInPresenter, good: false }
                ]
                delegate: Row {
                    required property var modelData
                    spacing: 16
                    height: 56
                    Rectangle {
                        width: 40; height: 40; radius: 20
                        anchors.verticalCenter: parent.verticalCenter
                        color: parent.modelData.on === parent.modelData.good ? ConsoleStyle.good : ConsoleStyle.bad
                        Text {
                            anchors.centerIn: parent
                            text: parent.parent.modelData.on === parent.parent.modelData.good ? "✓" : "✕"
                            color: ConsoleStyle.buttonText
                            font.pixelSize: 26
                            font.bold: true
                        }
                    }
                    Text {
                        anchors.verticalCenter: parent.verticalCenter
                        text: parent.modelData.name + ": " + (parent.modelData.on ? "yes" : "no")
                        color: ConsoleStyle.text
                        font.family: ConsoleStyle.fontFamily
                        font.pixelSize: ConsoleStyle.bodySize
                    }
                }
            }
            Field { name: "Paper"; value: page.pr.paperState; valueColor: page.pr.paperOut ? ConsoleStyle.bad : page.pr.paperNearEnd ? ConsoleStyle.warn : ConsoleStyle.text }
            Field { name: "Line width"; value: page.pr.dotsPerLine + " dots" }
            Field { name: "Can print"; value: page.pr.canPrint ? "yes" : "no" }
        }

        Section {
            title: "Test receipt"
            Text {
                width: parent.width
                text: "Prints \"TEST RECEIPT - NOT A CLEARANCE\", the kiosk id, the time and a ruler as wide as the paper, then cuts. Check that the ruler is complete and the cut clean."
                color: ConsoleStyle.textMuted
                font.family: ConsoleStyle.fontFamily
                font.pixelSize: ConsoleStyle.smallSize
                wrapMode: Text.Wrap
            }
            Row {
                spacing: ConsoleStyle.spacing
                ConsoleButton {
                    objectName: "printTestReceipt"
                    text: page.pr.printing ? "Printing…" : "Print a test receipt"
                    primary: true
                    enabledState: page.pr.available && !page.pr.printing
                    onClicked: page.pr.printTestReceipt()
                }
                ConsoleButton {
                    objectName: "reprintPending"
                    visible: page.pr.pendingReprints > 0
                    text: "Reprint " + page.pr.pendingReprints + (page.pr.pendingReprints === 1 ? " failed receipt" : " failed receipts")
                    enabledState: page.pr.canPrint
                    onClicked: page.pr.reprintPending()
                }
                ConsoleButton {
                    objectName: "refreshPrinter"
                    text: "Read status"
                    onClicked: page.pr.refresh()
                }
            }
            Field {
                objectName: "printResult"
                name: "Last test"
                value: page.pr.lastResult === "" ? "none yet" : page.pr.lastResult
                valueColor: page.pr.lastResult === "" ? ConsoleStyle.text : page.pr.lastPrintOk ? ConsoleStyle.good : ConsoleStyle.bad
            }
        }
    }
}
