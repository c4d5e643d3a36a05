import QtQuick

// A titled panel; children go into the column below the title.
Rectangle {
    id: section
    property string title
    default property alias content: body.data
    width: parent ? parent.width : 400
    height: body.y + body.height + ConsoleStyle.margin
    radius: ConsoleStyle.radius
    color: ConsoleStyle.surface
    border.color: ConsoleStyle.outline

    Text {
        id: heading
        x: ConsoleStyle.margin
        y: ConsoleStyle.spacing
        width: section.width - 2 * ConsoleStyle.margin
        text: section.title
        color: ConsoleStyle.accent
        font.family: ConsoleStyle.fontFamily
        font.pixelSize: ConsoleStyle.bodySize
        font.bold: true
        wrapMode: Text.Wrap
    }
    Column {
        id: body
        x: ConsoleStyle.margin
        y: heading.y + heading.height + ConsoleStyle.spacing / 2
        width: section.width - 2 * ConsoleStyle.margin
        spacing: 6
    }
}
