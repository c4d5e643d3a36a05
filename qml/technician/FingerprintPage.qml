import QtQuick
import Kiosk.Technician

// The scanner's live image with the extractor's view of it, the quality and the histogram. The
// console starts the live view when this page opens and stops it when it closes.
Flickable {
    id: page
    required property ConsoleController controller
    readonly property FingerprintDiagnostics fp: controller.fingerprint
    contentHeight: column.height
    clip: true

    Column {
        id: column
        width: page.width
        spacing: ConsoleStyle.spacing

        Rectangle {
            objectName: "fingerprintMessage"
            visible: page.fp.message !== ""
            width: parent.width
            height: visible ? messageText.implicitHeight + 32 : 0
            radius: ConsoleStyle.radius
            color: "#4a1f1f"
            border.color: ConsoleStyle.bad
            Text {
                id: messageText
                anchors.centerIn: parent
                width: parent.width - 40
                text: "⚠ " + page.fp.message
                color: ConsoleStyle.text
                font.family: ConsoleStyle.fontFamily
                font.pixelSize: ConsoleStyle.bodySize
                wrapMode: Text.Wrap
            }
        }

        Row {
            width: parent.width
            spacing: ConsoleStyle.spacing
            Rectangle {
                width: 600
                height: 680
                color: "#000000"
                border.color: ConsoleStyle.outline
                DiagnosticImage {
                    objectName: "liveImage"
                    anchors.fill: parent
                    anchors.margins: 4
                    image: page.fp.frame
                    overlay: page.fp.overlay
                    overlayVisible: overlaySwitch.on
                }
                Text {
                    visible: !page.fp.running || page.fp.frameCount === 0
                    anchors.centerIn: parent
                    width: parent.width - 40
                    text: page.fp.running ? "Waiting for the first frame…" : "Live view stopped"
                    color: ConsoleStyle.textMuted
                    font.family: ConsoleStyle.fontFamily
                    font.pixelSize: ConsoleStyle.bodySize
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                }
            }
            Column {
                width: parent.width - 600 - ConsoleStyle.spacing
                spacing: 10
                Section {
                    title: "Quality"
                    Text {
                        objectName: "qualityScore"
                        text: page.fp.qualityScore < 0 ? "–" : page.fp.qualityScore + " / 100"
                        color: page.fp.qualityScore >= 60 ? ConsoleStyle.good : page.fp.qualityScore >= 30 ? ConsoleStyle.warn : ConsoleStyle.bad
                        font.family: ConsoleStyle.fontFamily
                        font.pixelSize: 48
                        font.bold: true
                    }
                    Field { nameWidth: 150; name: "Flags"; value: page.fp.qualityFlags.length ? page.fp.qualityFlags.join(", ") : "none" }
                    Field { nameWidth: 150; name: "Minutiae"; value: page.fp.minutiaeCount }
                    Field { nameWidth: 150; name: "Finger area"; value: page.fp.foregroundPercent.toFixed(0) + " %" }
                    Field { nameWidth: 150; name: "Ridge period"; value: page.fp.ridgePeriodPx.toFixed(1) + " px" }
                    Field { nameWidth: 150; name: "Extractor"; value: page.fp.analysisMessage === "" ? "template extracted" : page.fp.analysisMessage }
                }
                Section {
                    title: "Live"
                    Field { nameWidth: 150; name: "Frames"; value: page.fp.frameCount }
                    Field { nameWidth: 150; name: "Rate"; value: page.fp.framesPerSecond.toFixed(1) + " /s" }
                    Field { nameWidth: 150; name: "Image"; value: page.fp.frameInfo }
                }
                ConsoleButton {
                    id: overlaySwitch
                    objectName: "overlaySwitch"
                    property bool on: true
                    width: parent.width
                    text: on ? "Hide overlay" : "Show overlay"
                    onClicked: on = !on
                }
            }
        }

        Text {
            width: parent.width
            text: "Overlay: green = segmented finger area, blue = ridge orientation, red ○ = ridge ending, yellow ○ = bifurcation (tick: direction)."
            color: ConsoleStyle.textMuted
            font.family: ConsoleStyle.fontFamily
            font.pixelSize: ConsoleStyle.smallSize
            wrapMode: Text.Wrap
        }

        Section {
            title: "Grey-level histogram (0 black … 255 white)"
            Item {
                objectName: "histogram"
                width: parent.width
                height: 220
                Row {
                    anchors.bottom: parent.bottom
                    anchors.horizontalCenter: parent.horizontalCenter
                    Repeater {
                        model: page.fp.histogram
                        delegate: Rectangle {
                            required property int modelData
                            anchors.bottom: parent ? parent.bottom : undefined
                            width: 3.6
                            height: page.fp.histogramPeak > 0 ? Math.max(1, 210 * modelData / page.fp.histogramPeak) : 0
                            color: ConsoleStyle.accent
                        }
                    }
                }
            }
        }
    }
}
