import QtQuick
import Kiosk
import Kiosk.Backend

// Shown in every language at once: a traveler who cannot read English must still know to move on.
// The technical reason is for technicians (logs, technician mode), not for travelers.
Item {
    id: screen
    required property KioskWorkflow workflow

    Column {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        spacing: 40
        Rectangle {  // a "no entry" sign, drawn so no emoji font is needed
            anchors.horizontalCenter: parent.horizontalCenter
            width: 220; height: 220; radius: 110
            color: Theme.attention
            Rectangle { anchors.centerIn: parent; width: 150; height: 36; radius: 8; color: Theme.text }
        }
        ScreenTitle { objectName: "outOfServiceTitle"; text: "This kiosk is out of service" }
        Repeater {
            // Deliberately untranslated: each line is already in its own language.
            model: ["Please use another kiosk or see an officer.",
                    "이 키오스크는 사용할 수 없습니다. 다른 키오스크를 이용하세요.",
                    "このキオスクは使用できません。別のキオスクをご利用ください。",
                    "此自助机暂停服务，请使用其他自助机。",
                    "Este quiosco no está disponible. Use otro quiosco.",
                    "Cette borne est hors service. Utilisez une autre borne."]
            BodyText { required property string modelData; text: modelData }
        }
    }
}
