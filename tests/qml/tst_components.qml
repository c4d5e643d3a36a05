import QtQuick
import QtTest
import Kiosk

TestCase {
    id: test
    name: "Components"
    when: windowShown
    visible: true
    width: 1080
    height: 1920

    // Any QML warning (binding error, undefined property) fails the test.
    function init() { failOnWarning(/\.qml:\d+/) }

    Component { id: buttonComponent; BigButton { text: "Start"; symbol: "▶"; width: 400 } }
    Component { id: stepsComponent; StepIndicator { step: 2; steps: 4 } }
    Component { id: handsComponent; HandDiagram { highlighted: 7 } }

    SignalSpy { id: clickSpy; signalName: "clicked" }

    function test_big_button_is_a_large_touch_target_and_clicks() {
        const button = createTemporaryObject(buttonComponent, test)
        verify(button.height >= Theme.minTouchTarget * 2)
        clickSpy.target = button
        clickSpy.clear()
        mouseClick(button)
        compare(clickSpy.count, 1)
    }

    function test_step_indicator_says_the_step_in_words() {
        const steps = createTemporaryObject(stepsComponent, test)
        let found = false
        for (let i = 0; i < steps.children.length; ++i)
            if (steps.children[i].text === "Step 2 of 4") found = true
        verify(found, "the step is also written, not only drawn")
    }

    function test_hand_diagram_lights_only_the_requested_finger() {
        const hands = createTemporaryObject(handsComponent, test)
        let lit = []
        function walk(item) {
            if (item.position !== undefined && item.lit !== undefined && item.lit) lit.push(item.position)
            for (let i = 0; i < item.children.length; ++i) walk(item.children[i])
        }
        walk(hands)
        compare(lit.length, 1)
        compare(lit[0], 7)
    }
}
