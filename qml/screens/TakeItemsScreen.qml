import QtQuick
import Kiosk
import Kiosk.Backend

// Nobody walks away without their passport: what is still in the kiosk, drawn and named, with a
// chime (Main.qml) every few seconds until it is taken.
Item {
    id: screen
    required property KioskWorkflow workflow
    readonly property string spokenPrompt: title.text

    Column {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        spacing: 72

        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 80
            Rectangle {  // the passport, on the reader
                objectName: "passportLeftIcon"
                visible: screen.workflow.passportLeft
                width: 260; height: 360; radius: 20
                color: "#3b5b8c"; border.color: Theme.caution; border.width: 10
                Text { anchors.centerIn: parent; text: "PASSPORT"; font.pixelSize: 34; font.bold: true; font.letterSpacing: 4; color: Theme.text }
                SequentialAnimation on y {
                    loops: Animation.Infinite
                    NumberAnimation { to: -30; duration: 500; easing.type: Easing.OutQuad }
                    NumberAnimation { to: 0; duration: 500; easing.type: Easing.InQuad }
                }
            }
            Rectangle {  // the receipt, in the presenter
                objectName: "receiptLeftIcon"
                visible: screen.workflow.receiptLeft
                width: 200; height: 360; radius: 8
                color: "#ffffff"; border.color: Theme.caution; border.width: 10
                Column {
                    anchors.centerIn: parent
                    spacing: 18
                    Repeater { model: 6; Rectangle { width: 120; height: 10; color: "#555555" } }
                }
                SequentialAnimation on y {
                    loops: Animation.Infinite
                    NumberAnimation { to: -30; duration: 500; easing.type: Easing.OutQuad }
                    NumberAnimation { to: 0; duration: 500; easing.type: Easing.InQuad }
                }
            }
        }
        ScreenTitle {
            id: title
            objectName: "takeItemsTitle"
            text: screen.workflow.passportLeft && screen.workflow.receiptLeft
                  ? qsTr("Take your passport and your receipt")
                  : screen.workflow.passportLeft ? qsTr("Take your passport") : qsTr("Take your receipt")
        }
    }
}
