import QtQuick
import Kiosk
import Kiosk.Backend

// The attract loop: "touch to start" cycling through languages; any touch or a passport placed on
// the reader starts.
Item {
    id: screen
    required property KioskWorkflow workflow

    // Each greeting is shown in its own language; these are not translated, by design.
    readonly property var greetings: [
        "Touch the screen to start", "화면을 터치하여 시작하세요", "画面にタッチして開始してください",
        "Toque la pantalla para comenzar", "触摸屏幕开始", "Touchez l'écran pour commencer",
        "Berühren Sie den Bildschirm, um zu beginnen", "Toque na tela para começar"]
    property int greetingIndex: 0

    Timer {
        interval: 2200; running: true; repeat: true
        onTriggered: screen.greetingIndex = (screen.greetingIndex + 1) % screen.greetings.length
    }

    Column {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        spacing: 72

        Rectangle {  // a passport, gently breathing, as the thing to bring
            anchors.horizontalCenter: parent.horizontalCenter
            width: 300; height: 420; radius: 24
            color: "#3b5b8c"; border.color: Theme.accent; border.width: 6
            Rectangle {  // the emblem: a globe, drawn so no emoji font is needed
                anchors.horizontalCenter: parent.horizontalCenter
                y: 90
                width: 150; height: 150; radius: 75
                color: "transparent"; border.color: Theme.text; border.width: 6
                Rectangle { anchors.centerIn: parent; width: 60; height: 150; radius: 30; color: "transparent"; border.color: Theme.text; border.width: 5 }
                Rectangle { anchors.centerIn: parent; width: 150; height: 5; color: Theme.text }
            }
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                y: 290
                text: "PASSPORT"
                font.pixelSize: 36
                font.letterSpacing: 6
                font.bold: true
                color: Theme.text
            }
            SequentialAnimation on scale {
                loops: Animation.Infinite
                NumberAnimation { to: 1.05; duration: 1200; easing.type: Easing.InOutQuad }
                NumberAnimation { to: 1.0; duration: 1200; easing.type: Easing.InOutQuad }
            }
        }
        ScreenTitle {
            objectName: "attractGreeting"
            text: screen.greetings[screen.greetingIndex]
        }
        BodyText {
            // Program names are names: not translated.
            text: qsTr("Trusted traveler kiosk") + " · Global Entry · NEXUS · SENTRI · Korea SES"
        }
    }

    BigButton {
        objectName: "startButton"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 160
        width: 720
        //: Button on the attract screen that starts a transaction
        text: qsTr("Start")
        symbol: "▶"
        onClicked: screen.workflow.start()
    }
}
