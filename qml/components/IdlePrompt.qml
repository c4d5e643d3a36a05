import QtQuick
import Kiosk
import Kiosk.Backend

// "Do you need more time?" with the seconds left, over whatever screen the traveler left idle.
Rectangle {
    id: prompt
    required property KioskWorkflow workflow
    color: "#cc000000"
    visible: workflow.idleWarning

    MouseArea { anchors.fill: parent }  // the screen below waits for the answer

    Rectangle {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        height: content.implicitHeight + 120
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.accent
        border.width: 6
        Column {
            id: content
            anchors.centerIn: parent
            width: parent.width - 100
            spacing: 48
            ScreenTitle { objectName: "idleQuestion"; text: qsTr("Do you need more time?") }
            BodyText {
                objectName: "idleCountdown"
                //: %1 is a number of seconds counting down
                text: qsTr("This session will end in %1 seconds.").arg(prompt.workflow.idleSecondsLeft)
            }
            BigButton {
                objectName: "moreTimeButton"
                anchors.horizontalCenter: parent.horizontalCenter
                width: 640
                symbol: "✓"
                text: qsTr("Yes, more time")
                onClicked: prompt.workflow.moreTime()
            }
            BigButton {
                objectName: "endSessionButton"
                anchors.horizontalCenter: parent.horizontalCenter
                width: 640
                tone: Theme.textMuted
                symbol: "✕"
                text: qsTr("No, end")
                onClicked: prompt.workflow.cancel()
            }
        }
    }
}
