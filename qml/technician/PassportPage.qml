import QtQuick
import Kiosk.Technician

// The reader's state and an OCR check on a synthetic page: where the MRZ band was found (blue),
// where it was printed (yellow frame), the rectified band, and each character's confidence.
Flickable {
    id: page
    required property ConsoleController controller
    readonly property PassportDiagnostics pp: controller.passport
    contentHeight: column.height
    clip: true

    function confidenceColour(c) {
        return c >= 0.8 ? ConsoleStyle.good : c >= 0.5 ? ConsoleStyle.warn : ConsoleStyle.bad
    }

    Column {
        id: column
        width: page.width
        spacing: ConsoleStyle.spacing

        Section {
            title: "Passport reader"
            Field { name: "State"; value: page.pp.readerState }
            Text {
                width: parent.width
                text: "The reader hands over MRZ text only; this check renders a synthetic data page and runs the kiosk's OCR on it."
                color: ConsoleStyle.textMuted
                font.family: ConsoleStyle.fontFamily
                font.pixelSize: ConsoleStyle.smallSize
                wrapMode: Text.Wrap
            }
            Row {
                spacing: ConsoleStyle.spacing
                ConsoleButton {
                    objectName: "readTestPage"
                    text: page.pp.busy ? "Reading…" : "Read a test page"
                    primary: true
                    enabledState: !page.pp.busy
                    onClicked: page.pp.readTestPage(1)
                }
                ConsoleButton {
                    objectName: "readHardTestPage"
                    text: "Hard test page"
                    enabledState: !page.pp.busy
                    onClicked: page.pp.readTestPage(3)
                }
            }
        }

        Rectangle {
            width: parent.width
            height: 560
            visible: page.pp.hasResult
            color: "#000000"
            border.color: ConsoleStyle.outline
            DiagnosticImage {
                objectName: "passportPageImage"
                anchors.fill: parent
                anchors.margins: 4
                image: page.pp.page
                overlay: page.pp.pageOverlay
                highlights: page.pp.printedArea
            }
        }

        Section {
            visible: page.pp.hasResult
            title: (page.pp.readOk ? "✓ " : "✕ ") + "OCR result"
            Field { name: "Page"; value: page.pp.conditions }
            Field { name: "Result"; value: page.pp.message; valueColor: page.pp.readOk ? ConsoleStyle.good : ConsoleStyle.bad }
            Field { name: "Time"; value: page.pp.milliseconds.toFixed(0) + " ms" }
            Field { name: "Lowest confidence"; value: page.pp.confidences.length ? page.pp.lowestConfidence.toFixed(2) : "–" }
            Rectangle {
                width: parent.width
                height: 110
                visible: page.pp.hasResult
                color: "#000000"
                DiagnosticImage {
                    objectName: "bandImage"
                    anchors.fill: parent
                    image: page.pp.band
                }
            }
            Repeater {
                model: page.pp.lines
                delegate: Column {
                    id: lineColumn
                    required property string modelData
                    required property int index
                    // Characters before this line, to find its confidences in the flat list.
                    readonly property int offset: {
                        var n = 0
                        for (var i = 0; i < index; ++i) n += page.pp.lines[i].length
                        return n
                    }
                    spacing: 2
                    Row {
                        Repeater {
                            model: lineColumn.modelData.length
                            delegate: Rectangle {
                                required property int index
                                readonly property real confidence: page.pp.confidences.length > lineColumn.offset + index
                                                                   ? page.pp.confidences[lineColumn.offset + index] : -1
                                width: 21
                                height: 64
                                color: "transparent"
                                Text {
                                    anchors.horizontalCenter: parent.horizontalCenter
                                    text: lineColumn.modelData.charAt(parent.index)
                                    color: ConsoleStyle.text
                                    font.family: ConsoleStyle.monoFamily
                                    font.pixelSize: 26
                                }
                                Rectangle {
                                    anchors.bottom: parent.bottom
                                    anchors.horizontalCenter: parent.horizontalCenter
                                    width: 15
                                    height: parent.confidence < 0 ? 2 : Math.max(2, 28 * parent.confidence)
                                    color: parent.confidence < 0 ? ConsoleStyle.outline : page.confidenceColour(parent.confidence)
                                }
                            }
                        }
                    }
                }
            }
            Text {
                width: parent.width
                text: "Bars: each character's confidence (green ≥ 0.8, yellow ≥ 0.5, red below). Blue on the page: where the OCR found text lines; yellow frame: where the MRZ was printed."
                color: ConsoleStyle.textMuted
                font.family: ConsoleStyle.fontFamily
                font.pixelSize: ConsoleStyle.smallSize
                wrapMode: Text.Wrap
            }
        }
    }
}
