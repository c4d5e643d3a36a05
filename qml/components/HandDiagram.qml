import QtQuick
import Kiosk

// Two hands, palms down, with the finger to place highlighted (ISO finger positions: 1-5 right
// thumb..little, 6-10 left thumb..little). Drawn, not an image, so it scales crisply.
Item {
    id: diagram
    property int highlighted: 0
    implicitWidth: 860
    implicitHeight: 420

    component Hand: Item {
        id: hand
        property bool isRight: true
        width: 400; height: 420
        Rectangle {  // palm
            x: 70; y: 190; width: 250; height: 220; radius: 60
            color: Theme.surface; border.color: Theme.textMuted; border.width: 4
        }
        Repeater {
            // Thumb..little: x, top, length (left hand mirrored)
            model: [[ 0, 230, 130], [ 80, 40, 180], [150, 10, 200], [220, 40, 180], [280, 100, 130]]
            Rectangle {
                required property var modelData
                required property int index
                readonly property int position: (hand.isRight ? 1 : 6) + index
                readonly property bool lit: position === diagram.highlighted
                x: hand.isRight ? modelData[0] + 20 : hand.width - modelData[0] - 20 - width
                y: modelData[1]
                width: 64; height: modelData[2] + (index === 0 ? 0 : 60)
                radius: 32
                rotation: index === 0 ? (hand.isRight ? -40 : 40) : 0
                color: lit ? Theme.caution : Theme.surface
                border.color: lit ? Theme.text : Theme.textMuted
                border.width: lit ? 8 : 4
                SequentialAnimation on opacity {
                    running: lit
                    loops: Animation.Infinite
                    NumberAnimation { to: 0.45; duration: 600 }
                    NumberAnimation { to: 1.0; duration: 600 }
                }
            }
        }
    }

    Hand { isRight: false; x: 0 }
    Hand { isRight: true; x: diagram.width - width }
}
