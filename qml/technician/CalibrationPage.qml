import QtQuick
import Kiosk.Technician

// The calibration wizards this kiosk has; each opens the wizard screen.
Flickable {
    id: page
    required property ConsoleController controller
    contentHeight: column.height
    clip: true

    Column {
        id: column
        width: page.width
        spacing: ConsoleStyle.spacing

        Text {
            width: parent.width
            text: page.controller.wizardCount === 0 ? "No calibration wizards are installed on this kiosk."
                                                     : "Each wizard guides you step by step and ends with pass or fail; the result is recorded."
            color: ConsoleStyle.textMuted
            font.family: ConsoleStyle.fontFamily
            font.pixelSize: ConsoleStyle.bodySize
            wrapMode: Text.Wrap
        }
        Repeater {
            model: page.controller.wizards
            delegate: Section {
                id: card
                required property CalibrationWizard modelData
                required property int index
                title: modelData.title
                Text {
                    width: parent.width
                    text: card.modelData.summary
                    color: ConsoleStyle.text
                    font.family: ConsoleStyle.fontFamily
                    font.pixelSize: ConsoleStyle.smallSize
                    wrapMode: Text.Wrap
                }
                ConsoleButton {
                    objectName: "openWizard-" + card.index
                    text: "Open"
                    primary: true
                    onClicked: page.controller.openWizard(card.index)
                }
            }
        }
    }
}
