import QtQuick
import Kiosk
import Kiosk.Backend

Item {
    id: screen
    required property KioskWorkflow workflow
    readonly property string spokenPrompt: questionText(workflow.customsQuestion)

    function questionText(id) {
        switch (id) {
        case "food": return qsTr("Are you bringing any fruit, vegetables, plants, seeds, meat, or other food?")
        case "currency": return qsTr("Are you carrying currency or monetary instruments worth more than US$10,000 or the equivalent?")
        case "commercial": return qsTr("Are you bringing commercial merchandise or goods for sale?")
        case "farm": return qsTr("Have you been on a farm or ranch, or touched livestock, since you left?")
        default: return id
        }
    }

    Column {
        anchors.top: parent.top
        anchors.topMargin: 200
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width - 2 * Theme.margin
        spacing: 56

        StepIndicator { step: 3; anchors.horizontalCenter: parent.horizontalCenter }
        BodyText {
            //: Customs questions progress, e.g. "Question 1 of 4"
            text: qsTr("Question %1 of %2").arg(screen.workflow.customsIndex + 1).arg(screen.workflow.customsCount)
        }
        ScreenTitle {
            objectName: "customsQuestion"
            text: screen.questionText(screen.workflow.customsQuestion)
        }
        BodyText { text: qsTr("Answer for yourself only. Declaring is not a problem: an officer will help you.") }
    }

    Row {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 80
        spacing: 64
        BigButton {
            objectName: "answerYes"
            width: 440
            tone: Theme.caution
            text: qsTr("Yes")
            symbol: "✓"
            onClicked: screen.workflow.answerCustoms(true)
        }
        BigButton {
            objectName: "answerNo"
            width: 440
            text: qsTr("No")
            symbol: "✕"
            onClicked: screen.workflow.answerCustoms(false)
        }
    }
}
