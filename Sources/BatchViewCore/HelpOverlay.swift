/// The help overlay (`?`): every key binding, from the key map itself, in one or two columns
/// sized to their text (up to the screen's width), long descriptions wrapped.
enum HelpOverlay {
    /// One screen line of the overlay: a key label (empty on continuation lines) and text.
    typealias Line = (label: String, text: String)

    static func draw(_ session: InspectorSession, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let bindings = session.keyMap.bindings
        let labelWidth = min(bindings.map(\.label.count).max() ?? 1, 12)
        let rows = max(rect.height - 2, 1)
        let one = layout(bindings, columns: 1, labelWidth: labelWidth, width: rect.width)
        let chosen = one.columns[0].count <= rows ? one : layout(bindings, columns: 2, labelWidth: labelWidth, width: rect.width)
        let height = min(chosen.columns.map(\.count).max() ?? 1, rows)
        let gap = 2
        let inner = chosen.columnWidth * chosen.columns.count + gap * (chosen.columns.count - 1)
        let box = rect.centered(width: min(inner + 4, rect.width), height: height + 2)
        buffer.fill(box)
        let horizontal = String(repeating: "─", count: max(box.width - 2, 0))
        buffer.write("┌" + horizontal + "┐", x: box.x, y: box.y, pen: theme.rule)
        buffer.write(" Keys — any key closes ", x: box.x + 2, y: box.y, pen: theme.focusedTitle, maxWidth: box.width - 4)
        for y in (box.y + 1)..<(box.maxY - 1) {
            buffer.write("│", x: box.x, y: y, pen: theme.rule)
            buffer.write("│", x: box.maxX - 1, y: y, pen: theme.rule)
        }
        buffer.write("└" + horizontal + "┘", x: box.x, y: box.maxY - 1, pen: theme.rule)
        for (column, lines) in chosen.columns.enumerated() {
            let x = box.x + 2 + column * (chosen.columnWidth + gap)
            for (line, entry) in lines.enumerated() where line < height {
                let y = box.y + 1 + line
                buffer.write(entry.label, x: x, y: y, pen: theme.value, maxWidth: labelWidth)
                buffer.write(entry.text, x: x + labelWidth + 1, y: y, pen: .plain, maxWidth: chosen.columnWidth - labelWidth - 1)
            }
        }
    }

    /// The bindings wrapped into `columns` columns no wider than the text needs and the screen
    /// allows; a binding's lines stay together in one column.
    static func layout(_ bindings: [KeyMap.Binding], columns: Int, labelWidth: Int, width: Int)
        -> (columnWidth: Int, columns: [[Line]]) {
        let gap = 2
        let widest = labelWidth + 1 + (bindings.map(\.help.count).max() ?? 1)
        let columnWidth = max(min(widest, (width - 4 - gap * (columns - 1)) / columns), labelWidth + 5)
        let entries: [[Line]] = bindings.map { binding in
            ScreenBuffer.wrap(binding.help, width: columnWidth - labelWidth - 1).enumerated().map { offset, text in
                (offset == 0 ? binding.label : "", text)
            }
        }
        let total = entries.reduce(0) { $0 + $1.count }
        let perColumn = (total + columns - 1) / columns
        var out: [[Line]] = [[]]
        for entry in entries {
            if out[out.count - 1].count + entry.count > perColumn, !out[out.count - 1].isEmpty, out.count < columns { out.append([]) }
            out[out.count - 1] += entry
        }
        return (columnWidth, out)
    }
}
