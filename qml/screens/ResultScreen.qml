import QtQuick
import Kiosk
import Kiosk.Backend

// The outcome in words, symbol and colour together; never the internal reason.
Item {
    id: screen
    required property KioskWorkflow workflow
    readonly property string spokenPrompt: resultTitle.text + " " + resultDetail.text

    readonly property bool cleared: workflow.resultKind === KioskWorkflow.Cleared
    readonly property bool regularLane: workflow.resultKind === KioskWorkflow.RegularLane
    readonly property bool withReceipt: cleared || workflow.resultKind === KioskWorkflow.SeeOfficer

    Column {
        anchors.top: parent.top
        anchors.topMargin: 220
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width - 2 * Theme.margin
        spacing: 64

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: 420; height: 420; radius: 210
            color: screen.cleared ? Theme.positive : screen.regularLane ? Theme.surface : Theme.attention
            border.color: Theme.text
            border.width: 8
            Text {
                anchors.centerIn: parent
                text: screen.cleared ? "✓" : screen.regularLane ? "➜" : "✕"
                font.pixelSize: 260
                font.bold: true
                color: Theme.text
            }
        }
        ScreenTitle {
            id: resultTitle
            objectName: "resultTitle"
            text: {
                switch (screen.workflow.resultKind) {
                case KioskWorkflow.Cleared: return qsTr("Proceed to the exit")
                case KioskWorkflow.SeeOfficer: return qsTr("Please see an officer")
                case KioskWorkflow.RegularLane: return qsTr("Please use the regular passport control lane")
                case KioskWorkflow.DocumentExpired: return qsTr("Your passport has expired")
                case KioskWorkflow.DocumentInvalid: return qsTr("This passport cannot be read at this kiosk")
                default: return ""
                }
            }
        }
        BodyText {
            id: resultDetail
            objectName: "resultDetail"
            text: {
                switch (screen.workflow.resultKind) {
                case KioskWorkflow.Cleared: return qsTr("Take your receipt and your passport, and show them at the exit.")
                case KioskWorkflow.SeeOfficer: return qsTr("Take your receipt and your passport to the officer.")
                case KioskWorkflow.RegularLane: return qsTr("This kiosk is for members of trusted traveler programs. An officer will welcome you in the regular lane.")
                case KioskWorkflow.DocumentExpired: return qsTr("Please take your passport and see an officer.")
                case KioskWorkflow.DocumentInvalid: return qsTr("Please take your passport and see an officer.")
                default: return ""
                }
            }
        }
        Rectangle {
            objectName: "receiptStatus"
            visible: screen.withReceipt
            anchors.horizontalCenter: parent.horizontalCenter
            width: parent.width
            height: receiptText.implicitHeight + 56
            radius: Theme.radius
            color: screen.workflow.receiptState === KioskWorkflow.Failed ? Theme.caution : Theme.surface
            Text {
                id: receiptText
                anchors.centerIn: parent
                width: parent.width - 56
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                font.pixelSize: Theme.bodySize
                font.family: Theme.fontFamily
                color: screen.workflow.receiptState === KioskWorkflow.Failed ? Theme.buttonText : Theme.text
                text: screen.workflow.receiptState === KioskWorkflow.Failed
                      //: %1 is the transaction number, shown when the receipt could not be printed
                      ? "⚠ " + qsTr("Your receipt could not be printed. Please see an officer and give this number: %1").arg(screen.workflow.transactionNumber)
                      : screen.workflow.receiptState === KioskWorkflow.Printed
                        ? qsTr("Take your receipt from the slot below the screen.")
                        : qsTr("Printing your receipt…")
            }
        }
        BodyText {
            visible: screen.withReceipt
            font.pixelSize: Theme.smallSize
            //: %1 is the transaction number
            text: qsTr("Transaction %1").arg(screen.workflow.transactionNumber)
        }
    }

    BigButton {
        objectName: "doneButton"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 60
        width: 560
        text: qsTr("Done")
        symbol: "✓"
        onClicked: screen.workflow.finish()
    }
}
