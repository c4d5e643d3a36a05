import QtQuick
import Kiosk
import Kiosk.Backend

// Thirteen languages, each written in itself. The language a passport's nationality suggests (when
// the passport was placed first) is marked and listed first.
Item {
    id: screen
    required property KioskWorkflow workflow
    // Spoken in the default language: the traveler has not chosen one yet.
    readonly property string spokenPrompt: "Choose your language"

    readonly property var ordered: {
        const all = Presentation.languages.slice()
        const i = all.indexOf(workflow.suggestedLanguage)
        if (i > 0) { all.splice(i, 1); all.unshift(workflow.suggestedLanguage) }
        return all
    }

    Column {
        id: heading
        anchors.top: parent.top
        anchors.topMargin: 140
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width - 2 * Theme.margin
        spacing: 24
        // Deliberately in several languages at once: the traveler has not chosen yet.
        ScreenTitle { objectName: "languageTitle"; text: "Choose your language" }
        BodyText { text: "언어를 선택하세요 · 言語を選択してください · 选择语言 · Elija su idioma" }
    }

    Grid {
        id: grid
        anchors.top: heading.bottom
        anchors.topMargin: 60
        anchors.horizontalCenter: parent.horizontalCenter
        columns: 2
        columnSpacing: 32
        rowSpacing: 28
        Repeater {
            model: screen.ordered
            BigButton {
                required property string modelData
                required property int index
                objectName: "language_" + modelData
                width: 460
                height: 150
                tone: modelData === screen.workflow.suggestedLanguage ? Theme.caution : Theme.accent
                symbol: modelData === screen.workflow.suggestedLanguage ? "★" : ""
                text: Presentation.endonym(modelData)
                onClicked: screen.workflow.chooseLanguage(modelData)
            }
        }
    }
}
