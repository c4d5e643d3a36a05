import QtQuick
import QtTextToSpeech
import Kiosk.Backend

// Speaks each step's prompt in the traveler's language where a speech engine is installed (Qt
// TextToSpeech over speech-dispatcher or flite). Without an engine it stays silent: a kiosk without
// speech still works, it only speaks less.
Item {
    id: speaker
    property string prompt

    TextToSpeech {
        id: tts
        locale: Qt.locale(Presentation.language)
    }

    onPromptChanged: {
        if (prompt === "" || tts.state === TextToSpeech.Error) return
        tts.stop()
        tts.say(prompt)
    }
}
