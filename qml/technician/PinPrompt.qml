import QtQuick
import Kiosk.Technician

// Technician id and PIN on an on-screen keypad (the kiosk has no keyboard). The PIN is shown as dots
// and leaves this screen only through console.login(); both fields are cleared after every attempt.
Item {
    id: prompt
    required property ConsoleController controller
    property string technicianId: ""
    property string pin: ""
    property bool editingPin: false
    readonly property bool locked: controller.lockedSecondsLeft > 0

    function press(key) {
        if (editingPin) { if (pin.length < 12) pin += key }
        else if (technicianId.length < 12) technicianId += key
    }
    function erase() {
        if (editingPin) pin = pin.slice(0, -1)
        else technicianId = technicianId.slice(0, -1)
    }
    function submit() {
        if (!editingPin) { editingPin = true; return }
        controller.login(technicianId, pin)
        pin = ""
        if (controller.stage !== ConsoleController.PinPrompt) technicianId = ""
    }
    onVisibleChanged: { pin = ""; technicianId = ""; editingPin = false }

    Column {
        anchors.horizontalCenter: parent.horizontalCenter
        y: 140
        width: 720
        spacing: 28

        Text {
            width: parent.width
            text: "Technician access"
            color: ConsoleStyle.accent
            font.family: ConsoleStyle.fontFamily
            font.pixelSize: 56
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Text {
            width: parent.width
            text: "Travelers see \"out of service\" while you are logged in. Every action is recorded."
            color: ConsoleStyle.textMuted
            font.family: ConsoleStyle.fontFamily
            font.pixelSize: ConsoleStyle.smallSize
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }

        Repeater {
            model: [ { label: "Technician id", pinField: false }, { label: "PIN", pinField: true } ]
            delegate: Rectangle {
                id: fieldBox
                required property var modelData
                readonly property bool current: prompt.editingPin === modelData.pinField
                objectName: modelData.pinField ? "pinField" : "idField"
                width: parent.width
                height: 120
                radius: ConsoleStyle.radius
                color: ConsoleStyle.surface
                border.color: current ? ConsoleStyle.accent : ConsoleStyle.outline
                border.width: current ? 4 : 2
                Text {
                    x: 24; y: 10
                    text: fieldBox.modelData.label
                    color: ConsoleStyle.textMuted
                    font.family: ConsoleStyle.fontFamily
                    font.pixelSize: ConsoleStyle.smallSize
                }
                Text {
                    objectName: fieldBox.modelData.pinField ? "pinDots" : "idText"
                    x: 24; y: 46
                    width: parent.width - 48
                    text: fieldBox.modelData.pinField ? "●".repeat(prompt.pin.length) : prompt.technicianId
                    color: ConsoleStyle.text
                    font.family: ConsoleStyle.monoFamily
                    font.pixelSize: 48
                    font.letterSpacing: 8
                }
                TapHandler { onTapped: prompt.editingPin = fieldBox.modelData.pinField }
            }
        }

        Rectangle {
            objectName: "loginMessage"
            width: parent.width
            height: messageText.implicitHeight + 32
            visible: prompt.controller.loginMessage !== ""
            radius: ConsoleStyle.radius
            color: prompt.controller.loginRejected ? "#4a1f1f" : ConsoleStyle.surface
            border.color: prompt.controller.loginRejected ? ConsoleStyle.bad : ConsoleStyle.good
            Text {
                id: messageText
                anchors.centerIn: parent
                width: parent.width - 40
                text: (prompt.controller.loginRejected ? "✕ " : "✓ ") + prompt.controller.loginMessage
                color: ConsoleStyle.text
                font.family: ConsoleStyle.fontFamily
                font.pixelSize: ConsoleStyle.bodySize
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
        }

        Grid {
            objectName: "keypad"
            anchors.horizontalCenter: parent.horizontalCenter
            columns: 3
            spacing: 20
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
                delegate: ConsoleButton {
                    required property string modelData
                    objectName: "key-" + modelData
                    width: 200
                    height: 120
                    text: modelData === "OK" ? (prompt.editingPin ? "Log in" : "Next") : modelData
                    primary: modelData === "OK"
                    enabledState: !prompt.locked
                    onClicked: {
                        if (modelData === "⌫") prompt.erase()
                        else if (modelData === "OK") prompt.submit()
                        else prompt.press(modelData)
                    }
                }
            }
        }

        ConsoleButton {
            objectName: "cancelEntry"
            anchors.horizontalCenter: parent.horizontalCenter
            width: 320
            text: "Cancel"
            onClicked: prompt.controller.cancelEntry()
        }
    }
}
