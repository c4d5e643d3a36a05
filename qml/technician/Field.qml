import QtQuick

// One "name: value" line of a dense table; the value wraps.
Item {
    id: field
    property string name
    property string value
    property color valueColor: ConsoleStyle.text
    property bool mono: false
    property int nameWidth: 260
    width: parent ? parent.width : 400
    implicitHeight: Math.max(nameText.implicitHeight, valueText.implicitHeight) + 6
    height: implicitHeight

    Text {
        id: nameText
        width: field.nameWidth
        text: field.name
        color: ConsoleStyle.textMuted
        font.family: ConsoleStyle.fontFamily
        font.pixelSize: ConsoleStyle.smallSize
        wrapMode: Text.Wrap
    }
    Text {
        id: valueText
        x: field.nameWidth + 12
        width: field.width - x
        text: field.value
        color: field.valueColor
        font.family: field.mono ? ConsoleStyle.monoFamily : ConsoleStyle.fontFamily
        font.pixelSize: ConsoleStyle.smallSize
        wrapMode: Text.WrapAtWordBoundaryOrAnywhere
    }
}
