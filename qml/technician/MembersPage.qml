import QtQuick
import Kiosk.Technician

// The member list: size, sequence, age against the freshness limit, and its synchronisation.
Flickable {
    id: page
    required property ConsoleController controller
    contentHeight: column.height
    clip: true

    Column {
        id: column
        width: page.width
        spacing: ConsoleStyle.spacing

        Section {
            title: (page.controller.membersAvailable && !page.controller.memberListStale ? "✓ " : "✕ ") + "Member list"
            Field { objectName: "memberCount"; name: "Members"; value: page.controller.membersAvailable ? page.controller.memberCount : "–" }
            Field { name: "Documents"; value: page.controller.membersAvailable ? page.controller.memberDocuments : "–" }
            Field { name: "Sequence"; value: page.controller.membersAvailable ? page.controller.memberSequence : "–" }
            Field { name: "Last sync"; value: page.controller.lastSync }
            Field {
                name: "Age"
                value: page.controller.memberAge + (page.controller.memberListStale ? " — too old: every traveler is referred" : "")
                valueColor: page.controller.memberListStale ? ConsoleStyle.bad : ConsoleStyle.text
            }
        }
        Section {
            title: "Synchronisation"
            Field { objectName: "lastSyncResult"; name: "Last result"; value: page.controller.lastSyncResult }
            Field { name: "Next sync"; value: page.controller.nextSync }
            ConsoleButton {
                objectName: "syncNow"
                text: page.controller.syncing ? "Synchronising…" : "Sync now"
                primary: true
                enabledState: page.controller.syncAvailable && !page.controller.syncing
                onClicked: page.controller.syncNow()
            }
            Text {
                visible: !page.controller.syncAvailable
                width: parent.width
                text: "This kiosk has no sync source (member_list.sync_source in kiosk-config); the list comes from its seed file."
                color: ConsoleStyle.textMuted
                font.family: ConsoleStyle.fontFamily
                font.pixelSize: ConsoleStyle.smallSize
                wrapMode: Text.Wrap
            }
        }
    }
}
