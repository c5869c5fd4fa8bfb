/// The help overlay (`?`): every key binding, from the key map itself, in one or two columns
/// sized to their text (up to the screen's width), long descriptions wrapped.
///
/// When the bindings do not fit the screen they are split into pages: the title says which page
/// (`Keys 1/3`) and the bottom border how to turn them (Space or → for the next, ← or p for the
/// previous); any other key closes the overlay. Nothing is ever cut off silently. On a screen
/// below the inspector's minimum size the overlay takes the whole screen.
enum HelpOverlay {
    /// One screen line of the overlay: a key label (empty on continuation lines) and text.
    typealias Line = (label: String, text: String)

    /// The overlay's content for an area: columns of lines on each page.
    struct Pages {
        var columnWidth: Int
        var labelWidth: Int
        /// Rows of binding lines on a page.
        var rows: Int
        /// Each page's columns of lines.
        var pages: [[[Line]]]
    }

    static let gap = 2

    /// The area the overlay covers on a `width`×`height` screen: the panes' area, or the whole
    /// screen when it is below the inspector's minimum size.
    static func area(session: any InspectorView, width: Int, height: Int) -> Rect {
        guard InspectorLayout.fits(width: width, height: height) else {
            return Rect(x: 0, y: 0, width: width, height: height)
        }
        return session.layout(width: width, height: height).body
    }

    /// The number of pages on the last screen the session drew.
    static func pageCount(_ session: any InspectorView) -> Int {
        let rect = area(session: session, width: session.screenSize.width, height: session.screenSize.height)
        return pages(session.keyMap.bindings, in: rect).pages.count
    }

    /// Whether an area is big enough for the overlay: a box whose lines hold the widest key label
    /// and a few words beside it, three lines a page.
    static func fits(width: Int, height: Int) -> Bool {
        width >= (KeyMap.standard.bindings.map(\.label.count).max() ?? 1) + 16 && height >= 5
    }

    static func draw(_ session: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        guard fits(width: rect.width, height: rect.height) else { return }
        let content = pages(session.keyMap.bindings, in: rect)
        let count = content.pages.count
        let page = min(max(session.state.helpPage, 0), count - 1)
        let columns = content.pages[page]
        let height = count > 1 ? content.rows : min(columns.map(\.count).max() ?? 1, content.rows)
        let widest = content.pages.map(\.count).max() ?? 1
        let inner = content.columnWidth * widest + gap * (widest - 1)
        let box = rect.centered(width: min(inner + 4, rect.width), height: height + 2)
        buffer.fill(box)
        let horizontal = String(repeating: "─", count: max(box.width - 2, 0))
        buffer.write("┌" + horizontal + "┐", x: box.x, y: box.y, pen: theme.rule)
        let title = count > 1 ? " Keys \(page + 1)/\(count) " : " Keys — any key closes "
        buffer.write(title, x: box.x + 2, y: box.y, pen: theme.focusedTitle, maxWidth: box.width - 4)
        for y in (box.y + 1)..<(box.maxY - 1) {
            buffer.write("│", x: box.x, y: y, pen: theme.rule)
            buffer.write("│", x: box.maxX - 1, y: y, pen: theme.rule)
        }
        buffer.write("└" + horizontal + "┘", x: box.x, y: box.maxY - 1, pen: theme.rule)
        if count > 1 {
            let hints =
                page + 1 < count
                ? [" Space/→ more · ←/p back · other keys close ", " Space more · p back ", " Space more "]
                : [" ←/p back · other keys close ", " p back · Esc closes ", " Esc closes "]
            let hint = hints.first { $0.count <= box.width - 4 } ?? ScreenBuffer.shortened(hints[2], to: box.width - 4)
            buffer.write(
                hint, x: box.maxX - 2 - hint.count, y: box.maxY - 1, pen: theme.focusedTitle, maxWidth: box.width - 4)
        }
        for (column, lines) in columns.enumerated() {
            let x = box.x + 2 + column * (content.columnWidth + gap)
            for (line, entry) in lines.enumerated() where line < height {
                let y = box.y + 1 + line
                buffer.write(entry.label, x: x, y: y, pen: theme.value, maxWidth: content.labelWidth)
                buffer.write(
                    entry.text, x: x + content.labelWidth + 1, y: y, pen: .plain,
                    maxWidth: content.columnWidth - content.labelWidth - 1)
            }
        }
    }

    /// The bindings laid out in `rect`: on one page in one column, or two balanced columns, when
    /// they fit; otherwise on as many pages as they need, in two columns when the screen is wide
    /// enough for two readable ones.
    static func pages(_ bindings: [KeyMap.Binding], in rect: Rect) -> Pages {
        let rows = max(rect.height - 2, 1)
        let labelWidth = min(bindings.map(\.label.count).max() ?? 1, 12)
        for columns in 1...2 {
            let laid = layout(bindings, columns: columns, labelWidth: labelWidth, width: rect.width)
            if laid.columns.allSatisfy({ $0.count <= rows }) {
                return Pages(columnWidth: laid.columnWidth, labelWidth: labelWidth, rows: rows, pages: [laid.columns])
            }
        }
        let columns = (rect.width - 4 - gap) / 2 >= labelWidth + 16 ? 2 : 1
        let columnWidth = max((rect.width - 4 - gap * (columns - 1)) / columns, labelWidth + 2)
        var pages: [[[Line]]] = [[[]]]
        for entry in entries(bindings, labelWidth: labelWidth, columnWidth: columnWidth) {
            for line in entry.count <= rows
                ? [entry]
                : stride(from: 0, to: entry.count, by: rows).map({ Array(entry[$0..<min($0 + rows, entry.count)]) })
            {
                // A binding's lines stay together in one column (split only when longer than a page).
                if pages[pages.count - 1][pages[pages.count - 1].count - 1].count + line.count > rows {
                    if pages[pages.count - 1].count < columns {
                        pages[pages.count - 1].append([])
                    } else {
                        pages.append([[]])
                    }
                }
                pages[pages.count - 1][pages[pages.count - 1].count - 1] += line
            }
        }
        return Pages(columnWidth: columnWidth, labelWidth: labelWidth, rows: rows, pages: pages)
    }

    /// The bindings wrapped into `columns` columns no wider than the text needs and the screen
    /// allows; a binding's lines stay together in one column.
    static func layout(_ bindings: [KeyMap.Binding], columns: Int, labelWidth: Int, width: Int)
        -> (columnWidth: Int, columns: [[Line]])
    {
        let widest = labelWidth + 1 + (bindings.map(\.help.count).max() ?? 1)
        let columnWidth = max(min(widest, (width - 4 - gap * (columns - 1)) / columns), labelWidth + 5)
        let entries = entries(bindings, labelWidth: labelWidth, columnWidth: columnWidth)
        let total = entries.reduce(0) { $0 + $1.count }
        let perColumn = (total + columns - 1) / columns
        var out: [[Line]] = [[]]
        for entry in entries {
            if out[out.count - 1].count + entry.count > perColumn, !out[out.count - 1].isEmpty, out.count < columns {
                out.append([])
            }
            out[out.count - 1] += entry
        }
        return (columnWidth, out)
    }

    /// Each binding's lines, its help wrapped to the column.
    private static func entries(_ bindings: [KeyMap.Binding], labelWidth: Int, columnWidth: Int) -> [[Line]] {
        bindings.map { binding in
            ScreenBuffer.wrap(binding.help, width: max(columnWidth - labelWidth - 1, 1)).enumerated().map {
                offset, text in
                (offset == 0 ? binding.label : "", text)
            }
        }
    }
}
