/// The help overlay (`?`): every key binding, from the key map itself, in one or two columns.
enum HelpOverlay {
    static func draw(_ session: InspectorSession, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let bindings = session.keyMap.bindings
        let rows = max(rect.height - 3, 1)
        let columns = bindings.count > rows ? 2 : 1
        let perColumn = (bindings.count + columns - 1) / columns
        let columnWidth = min(52, (rect.width - 4) / columns)
        let box = rect.centered(width: columnWidth * columns + 4, height: min(perColumn, rows) + 3)
        buffer.fill(box)
        let horizontal = String(repeating: "─", count: max(box.width - 2, 0))
        buffer.write("┌" + horizontal + "┐", x: box.x, y: box.y, pen: theme.rule)
        buffer.write(" Keys — any key closes ", x: box.x + 2, y: box.y, pen: theme.focusedTitle, maxWidth: box.width - 4)
        for y in (box.y + 1)..<(box.maxY - 1) {
            buffer.write("│", x: box.x, y: y, pen: theme.rule)
            buffer.write("│", x: box.maxX - 1, y: y, pen: theme.rule)
        }
        buffer.write("└" + horizontal + "┘", x: box.x, y: box.maxY - 1, pen: theme.rule)
        for (i, binding) in bindings.enumerated() {
            let column = i / perColumn, line = i % perColumn
            guard line < rows else { continue }
            let x = box.x + 2 + column * columnWidth, y = box.y + 1 + line
            buffer.write(binding.label, x: x, y: y, pen: theme.value, maxWidth: 7)
            buffer.write(binding.help, x: x + 8, y: y, pen: .plain, maxWidth: columnWidth - 9)
        }
    }
}
