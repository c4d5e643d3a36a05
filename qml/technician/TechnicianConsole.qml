import QtQuick
import Kiosk.Technician

// The technician's console over the kiosk's stage: the PIN prompt, then the pages. Closed, it is
// empty and lets touches through. English only: technicians are trained in it.
Item {
    id: root
    required property ConsoleController controller
    width: 1080
    height: 1920
    visible: controller.stage !== ConsoleController.Closed

    Rectangle { anchors.fill: parent; color: ConsoleStyle.background }

    // Every touch restarts the session's idle countdown without taking the touch from the control.
    TapHandler {
        gesturePolicy: TapHandler.DragThreshold
        onTapped: root.controller.touched()
    }

    PinPrompt {
        objectName: "pinPrompt"
        anchors.fill: parent
        controller: root.controller
        visible: root.controller.stage === ConsoleController.PinPrompt
    }

    Item {
        id: session
        anchors.fill: parent
        visible: root.controller.stage === ConsoleController.Session

        Rectangle {
            id: header
            width: parent.width
            height: 110
            color: ConsoleStyle.surface
            Text {
                anchors.left: parent.left
                anchors.leftMargin: ConsoleStyle.margin
                anchors.right: idleBox.left
                anchors.verticalCenter: parent.verticalCenter
                text: "Technician console · kiosk " + root.controller.kioskId + " · technician " + root.controller.technician
                color: ConsoleStyle.text
                font.family: ConsoleStyle.fontFamily
                font.pixelSize: ConsoleStyle.bodySize
                wrapMode: Text.Wrap
            }
            Rectangle {
                id: idleBox
                objectName: "idleCountdown"
                anchors.right: logoutButton.left
                anchors.rightMargin: ConsoleStyle.spacing
                anchors.verticalCenter: parent.verticalCenter
                visible: root.controller.idleWarning
                width: visible ? idleText.implicitWidth + 32 : 0
                height: 72
                radius: ConsoleStyle.radius
                color: ConsoleStyle.warn
                Text {
                    id: idleText
                    anchors.centerIn: parent
                    text: "Idle: logout in " + root.controller.idleSecondsLeft + " s"
                    color: ConsoleStyle.buttonText
                    font.family: ConsoleStyle.fontFamily
                    font.pixelSize: ConsoleStyle.smallSize
                    font.bold: true
                }
            }
            ConsoleButton {
                id: logoutButton
                objectName: "logoutButton"
                anchors.right: parent.right
                anchors.rightMargin: ConsoleStyle.margin
                anchors.verticalCenter: parent.verticalCenter
                width: 200
                text: "Log out"
                primary: true
                onClicked: root.controller.logout()
            }
        }

        Row {
            id: tabs
            anchors.top: header.bottom
            width: parent.width
            height: 96
            Repeater {
                model: [
                    { page: ConsoleController.Overview, label: "Overview" },
                    { page: ConsoleController.Fingerprint, label: "Fingerprint" },
                    { page: ConsoleController.Passport, label: "Passport" },
                    { page: ConsoleController.Printer, label: "Printer" },
                    { page: ConsoleController.Members, label: "Members" },
                    { page: ConsoleController.Kiosk, label: "Kiosk" },
                    { page: ConsoleController.Calibration, label: "Calibration" }
                ]
                delegate: Rectangle {
                    id: tab
                    required property var modelData
                    readonly property bool current: root.controller.page === modelData.page
                    objectName: "tab-" + modelData.label.toLowerCase()
                    width: tabs.width / 7
                    height: tabs.height
                    color: current ? ConsoleStyle.background : ConsoleStyle.surfaceRaised
                    border.color: ConsoleStyle.outline
                    Rectangle {
                        visible: tab.current
                        width: parent.width; height: 6
                        anchors.bottom: parent.bottom
                        color: ConsoleStyle.accent
                    }
                    Text {
                        anchors.fill: parent
                        anchors.margins: 6
                        text: tab.modelData.label
                        color: tab.current ? ConsoleStyle.accent : ConsoleStyle.text
                        font.family: ConsoleStyle.fontFamily
                        font.pixelSize: ConsoleStyle.smallSize
                        font.bold: tab.current
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: 14
                    }
                    TapHandler { onTapped: root.controller.page = tab.modelData.page }
                }
            }
        }

        Loader {
            id: pageLoader
            objectName: "pageLoader"
            anchors.top: tabs.bottom
            anchors.bottom: parent.bottom
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.margins: ConsoleStyle.margin
            active: session.visible
            sourceComponent: {
                switch (root.controller.page) {
                case ConsoleController.Fingerprint: return fingerprintPage
                case ConsoleController.Passport: return passportPage
                case ConsoleController.Printer: return printerPage
                case ConsoleController.Members: return membersPage
                case ConsoleController.Kiosk: return kioskPage
                case ConsoleController.Calibration: return calibrationPage
                default: return overviewPage
                }
            }
        }

        WizardScreen {
            objectName: "wizardScreen"
            anchors.fill: pageLoader
            visible: root.controller.activeWizard !== null
            controller: root.controller
        }
    }

    Component { id: overviewPage; OverviewPage { controller: root.controller } }
    Component { id: fingerprintPage; FingerprintPage { controller: root.controller } }
    Component { id: passportPage; PassportPage { controller: root.controller } }
    Component { id: printerPage; PrinterPage { controller: root.controller } }
    Component { id: membersPage; MembersPage { controller: root.controller } }
    Component { id: kioskPage; KioskPage { controller: root.controller } }
    Component { id: calibrationPage; CalibrationPage { controller: root.controller } }
}
