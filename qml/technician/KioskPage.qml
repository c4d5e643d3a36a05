import QtQuick
import Kiosk.Technician

// The kiosk itself: version, uptime, disk and memory, the configuration in force (secrets masked)
// and the newest audit events.
Flickable {
    id: page
    required property ConsoleController controller
    contentHeight: column.height
    clip: true

    Column {
        id: column
        width: page.width
        spacing: ConsoleStyle.spacing

        Section {
            title: "Kiosk " + page.controller.kioskId
            Field { objectName: "version"; name: "Version"; value: page.controller.version }
            Field { name: "Uptime"; value: page.controller.uptime }
            Field { name: "Disk"; value: page.controller.diskFree }
            Field { name: "Memory"; value: page.controller.memory }
            ConsoleButton {
                objectName: "restartKiosk"
                visible: page.controller.restartAvailable
                text: "Restart the kiosk software"
                onClicked: page.controller.restartKiosk()
            }
        }
        Section {
            title: "Recent audit events (newest first)"
            Text {
                visible: page.controller.auditEvents.length === 0
                text: "none"
                color: ConsoleStyle.textMuted
                font.family: ConsoleStyle.fontFamily
                font.pixelSize: ConsoleStyle.smallSize
            }
            Repeater {
                model: page.controller.auditEvents
                delegate: Text {
                    required property string modelData
                    width: parent ? parent.width : 400
                    text: modelData
                    color: ConsoleStyle.text
                    font.family: ConsoleStyle.monoFamily
                    font.pixelSize: 18
                    wrapMode: Text.WrapAnywhere
                }
            }
        }
        Section {
            title: "Configuration in force (secrets masked)"
            Text {
                objectName: "configJson"
                width: parent.width
                text: page.controller.configJson
                color: ConsoleStyle.text
                font.family: ConsoleStyle.monoFamily
                font.pixelSize: 18
                wrapMode: Text.WrapAnywhere
            }
        }
    }
}
