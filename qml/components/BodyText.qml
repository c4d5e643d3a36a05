import QtQuick
import Kiosk

Text {
    width: parent ? parent.width : implicitWidth
    wrapMode: Text.WordWrap
    horizontalAlignment: Text.AlignHCenter
    font.pixelSize: Theme.bodySize
    font.family: Theme.fontFamily
    color: Theme.textMuted
    lineHeight: 1.15
}
