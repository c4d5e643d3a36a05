import QtQuick
import QtTest
import Kiosk
import Kiosk.Backend
import Kiosk.Testing

// The screens against a real (simulated) kiosk: taps go to the real workflow, the simulator panel
// plays the traveler's hands.
TestCase {
    id: test
    name: "Flow"
    when: windowShown
    visible: true
    width: 1080
    height: 1920

    readonly property var workflow: TestKiosk.workflow
    readonly property var panel: TestKiosk.panel

    Component { id: attract; AttractScreen { width: 1080; height: 1920; workflow: TestKiosk.workflow } }
    Component { id: language; LanguageScreen { width: 1080; height: 1920; workflow: TestKiosk.workflow } }
    Component { id: passport; PassportScreen { width: 1080; height: 1920; workflow: TestKiosk.workflow } }
    Component { id: customs; CustomsScreen { width: 1080; height: 1920; workflow: TestKiosk.workflow } }
    Component { id: result; ResultScreen { width: 1080; height: 1920; workflow: TestKiosk.workflow } }
    Component { id: takeItems; TakeItemsScreen { width: 1080; height: 1920; workflow: TestKiosk.workflow } }
    Component { id: outOfService; OutOfServiceScreen { width: 1080; height: 1920; workflow: TestKiosk.workflow } }

    // Any QML warning (binding error, undefined property) fails the test.
    function init() { failOnWarning(/\.qml:\d+/) }
    function cleanup() { workflow.cancel() }

    function tap(screen, name) {
        const item = findChild(screen, name)
        verify(item, "no item " + name)
        verify(item.visible, name + " is not visible")
        mouseClick(item)
    }

    function test_1_start_then_a_misread_passport_gets_a_specific_hint() {
        const a = createTemporaryObject(attract, test)
        tap(a, "startButton")
        compare(workflow.screen, KioskWorkflow.Language)
        const l = createTemporaryObject(language, test)
        tap(l, "language_en")
        compare(workflow.screen, KioskWorkflow.Passport)
        const p = createTemporaryObject(passport, test)
        verify(!findChild(p, "passportHint").visible)
        panel.traveler = "kim-minji"
        panel.presentPassport("bad-check-digit")
        tryCompare(workflow, "passportHint", KioskWorkflow.Misread, 10000)
        verify(findChild(p, "passportHint").visible)
        tap(p, "cancelButton")
        compare(workflow.screen, KioskWorkflow.Attract)
    }

    function test_2_a_member_answers_the_questions_and_sees_the_outcome() {
        workflow.start()
        workflow.chooseLanguage("en")
        panel.traveler = "kim-minji"
        panel.presentPassport("clean")
        tryCompare(workflow, "screen", KioskWorkflow.Fingerprint, 20000)
        panel.presentFinger("genuine")
        tryCompare(workflow, "screen", KioskWorkflow.Customs, 30000)
        const c = createTemporaryObject(customs, test)
        compare(workflow.customsQuestion, "food")
        verify(findChild(c, "customsQuestion").text.indexOf("food") >= 0)
        tap(c, "answerNo")
        compare(workflow.customsQuestion, "currency")
        tap(c, "answerNo")
        tryCompare(workflow, "screen", KioskWorkflow.Result, 10000)
        const r = createTemporaryObject(result, test)
        compare(findChild(r, "resultTitle").text, "Proceed to the exit")
        // What a speech engine would say: the outcome and what to do, never the reason.
        verify(r.spokenPrompt.indexOf("Proceed to the exit") === 0)
        tryCompare(workflow, "receiptState", KioskWorkflow.Printed, 20000)
        tap(r, "doneButton")
        compare(workflow.screen, KioskWorkflow.TakeItems)
        const t = createTemporaryObject(takeItems, test)
        compare(findChild(t, "takeItemsTitle").text, "Take your passport and your receipt")
        verify(findChild(t, "passportLeftIcon").visible)
        panel.takeItems()
        tryCompare(workflow, "screen", KioskWorkflow.Attract, 5000)
    }

    function test_3_a_declaration_shows_see_an_officer_without_the_reason() {
        workflow.start()
        workflow.chooseLanguage("en")
        panel.traveler = "sofia-garcia"
        panel.presentPassport("clean")
        tryCompare(workflow, "screen", KioskWorkflow.Fingerprint, 20000)
        panel.presentFinger("genuine")
        tryCompare(workflow, "screen", KioskWorkflow.Customs, 30000)
        const c = createTemporaryObject(customs, test)
        tap(c, "answerYes")
        tryCompare(workflow, "screen", KioskWorkflow.Result, 10000)
        const r = createTemporaryObject(result, test)
        compare(findChild(r, "resultTitle").text, "Please see an officer")
        // The internal reason code is for the officer, never on the traveler's screen.
        verify(findChild(r, "resultDetail").text.indexOf("DECL") < 0)
    }

    function test_4_an_unplugged_scanner_takes_the_kiosk_out_of_service_until_it_is_back() {
        panel.setDeviceConnected("fingerprint", false)
        compare(workflow.screen, KioskWorkflow.OutOfService)
        const o = createTemporaryObject(outOfService, test)
        verify(findChild(o, "outOfServiceTitle").visible)
        panel.setDeviceConnected("fingerprint", true)
        compare(workflow.screen, KioskWorkflow.Attract)
    }
}
