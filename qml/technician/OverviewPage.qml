import QtQuick
import Kiosk.Technician

// Each device: who it says it is, how it is connected, its state, its last error, its counters.
Flickable {
    id: page
    required property ConsoleController controller
    contentHeight: column.height
    clip: true

    // What a device did not report is greyed, so what it did report stands out.
    function shade(value) { return value === "not reported" ? ConsoleStyle.textMuted : ConsoleStyle.text }

    Column {
        id: column
        width: page.width
        spacing: ConsoleStyle.spacing

        Repeater {
            model: page.controller.devices
            delegate: Section {
                id: card
                required property string kind
                required property string name
                required property string vendor
                required property string model
                required property string serial
                required property string firmware
                required property string connection
                required property string state
                required property bool usable
                required property string lastError
                required property var counters
                objectName: "device-" + kind
                title: (usable ? "✓ " : "✕ ") + kind + " — " + state
                Field { name: "Driver"; value: card.name }
                Field { name: "Vendor"; value: card.vendor; valueColor: page.shade(value) }
                Field { name: "Model"; value: card.model; valueColor: page.shade(value) }
                Field { name: "Serial"; value: card.serial; mono: true; valueColor: page.shade(value) }
                Field { name: "Firmware"; value: card.firmware; mono: true; valueColor: page.shade(value) }
                Field { name: "Connection"; value: card.connection; valueColor: page.shade(value) }
                Field {
                    name: "Last error"
                    value: card.lastError
                    valueColor: card.lastError === "none" ? ConsoleStyle.text : ConsoleStyle.bad
                }
                Repeater {
                    model: card.counters
                    delegate: Field {
                        required property string modelData
                        name: modelData.charAt(0).toUpperCase() + modelData.split(":")[0].slice(1)
                        value: modelData.split(":")[1].trim()
                    }
                }
            }
        }
        ConsoleButton {
            objectName: "refreshDevices"
            text: "Refresh"
            onClicked: page.controller.refresh()
        }
    }
}
