import QtQuick
import Kiosk

// The large instruction at the top of each screen; wraps instead of overflowing.
Text {
    width: parent ? parent.width : implicitWidth
    wrapMode: Text.WordWrap
    horizontalAlignment: Text.AlignHCenter
    font.pixelSize: Theme.titleSize
    font.bold: true
    font.family: Theme.fontFamily
    color: Theme.text
}
