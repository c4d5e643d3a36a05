import QtQuick
import QtQuick.Window
import QtMultimedia
import Kiosk
import Kiosk.Backend

// The kiosk window. Screens are designed on a 1080x1920 portrait stage, scaled to fit the window
// (a developer's laptop shows the same layout, smaller).
Window {
    id: window
    required property KioskWorkflow workflow
    // The technician console's controller (Kiosk.Technician); null where only the traveler's screens
    // are shown (the screen gallery, QML tests).
    property QtObject technician: null

    width: Theme.stageWidth
    height: Theme.stageHeight
    visible: true
    color: Theme.background
    title: qsTr("Trusted traveler kiosk")

    Item {
        id: stage
        objectName: "stage"
        width: Theme.stageWidth
        height: Theme.stageHeight
        anchors.centerIn: parent
        scale: Math.min(window.width / Theme.stageWidth, window.height / Theme.stageHeight)
        // Arabic reads right to left: rows, grids and anchors mirror with it.
        LayoutMirroring.enabled: Presentation.rightToLeft
        LayoutMirroring.childrenInherit: true

        Rectangle { anchors.fill: parent; color: Theme.background }

        Loader {
            id: screenLoader
            objectName: "screenLoader"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.bottom: accessibilityBar.top
            sourceComponent: {
                switch (window.workflow.screen) {
                case KioskWorkflow.Language: return languageScreen
                case KioskWorkflow.Passport: return passportScreen
                case KioskWorkflow.Fingerprint: return fingerprintScreen
                case KioskWorkflow.Customs: return customsScreen
                case KioskWorkflow.Result: return resultScreen
                case KioskWorkflow.TakeItems: return takeItemsScreen
                case KioskWorkflow.OutOfService: return outOfServiceScreen
                default: return attractScreen
                }
            }
        }

        AccessibilityBar {
            id: accessibilityBar
            objectName: "accessibilityBar"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            visible: window.workflow.screen !== KioskWorkflow.OutOfService
            height: visible ? Theme.toolbarHeight : 0
        }

        // The reminder chime, made for the kiosk (assets/sounds); silent where there is no audio device.
        SoundEffect {
            id: chime
            source: "qrc:/Kiosk/sounds/reminder.wav"
        }
        Connections {
            target: window.workflow
            function onRemind() { chime.play() }
        }

        Speaker {
            objectName: "speaker"
            prompt: window.workflow.idleWarning ? qsTranslate("IdlePrompt", "Do you need more time?")
                    : screenLoader.item && screenLoader.item.spokenPrompt !== undefined ? screenLoader.item.spokenPrompt : ""
        }

        IdlePrompt {
            objectName: "idlePrompt"
            anchors.fill: parent
            workflow: window.workflow
        }

        // Any touch anywhere restarts the idle timer, without taking the touch from the screen.
        TapHandler {
            gesturePolicy: TapHandler.DragThreshold
            onTapped: window.workflow.touched()
        }

        Rectangle {  // busy indicator: the work happens off the UI thread, the screen stays alive
            visible: window.workflow.busy
            anchors.top: parent.top
            anchors.right: parent.right
            anchors.margins: 40
            width: 80; height: 80; radius: 40
            color: "transparent"
            border.color: Theme.accent
            border.width: 10
            RotationAnimation on rotation { from: 0; to: 360; duration: 900; loops: Animation.Infinite; running: window.workflow.busy }
            Rectangle { width: 24; height: 24; radius: 12; color: Theme.accent; x: 28; y: -6 }
        }

        // The technician's way in (docs/technician.md): hold the top-left corner for 5 seconds, only
        // between travelers. Nothing shows there; a traveler's long press on the corner does nothing else.
        Item {
            objectName: "technicianCorner"
            anchors.left: parent.left
            anchors.top: parent.top
            width: 120
            height: 120
            enabled: window.technician !== null && window.workflow.technicianAccessAllowed
            TapHandler {
                longPressThreshold: 5
                onLongPressed: window.technician.requestEntry()
            }
        }

        // The console over the whole stage: the PIN prompt, then the pages; invisible when closed.
        Loader {
            objectName: "technicianConsole"
            anchors.fill: parent
            active: window.technician !== null
            Component.onCompleted: if (window.technician !== null)
                setSource("qrc:/Kiosk/Technician/TechnicianConsole.qml", {"controller": window.technician})
        }
    }

    Component { id: attractScreen; AttractScreen { workflow: window.workflow } }
    Component { id: languageScreen; LanguageScreen { workflow: window.workflow } }
    Component { id: passportScreen; PassportScreen { workflow: window.workflow } }
    Component { id: fingerprintScreen; FingerprintScreen { workflow: window.workflow } }
    Component { id: customsScreen; CustomsScreen { workflow: window.workflow } }
    Component { id: resultScreen; ResultScreen { workflow: window.workflow } }
    Component { id: takeItemsScreen; TakeItemsScreen { workflow: window.workflow } }
    Component { id: outOfServiceScreen; OutOfServiceScreen { workflow: window.workflow } }
}
