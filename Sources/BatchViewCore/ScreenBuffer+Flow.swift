extension ScreenBuffer {
    /// Writes `(label, value)` pairs one after another from row `row` of `rect`, two spaces
    /// apart, moving a pair that does not fit to the next row; returns the number of rows used.
    ///
    /// ```swift
    /// buffer.flow([("RSS ", "50.0 MB"), ("peak ", "64.0 MB")], in: rect, row: 0, label: theme.label, value: theme.value)
    /// ```
    @discardableResult
    public mutating func flow(_ items: [(String, String)], in rect: Rect, row: Int, label: Pen, value: Pen) -> Int {
        var line = row
        var x = rect.x
        for (name, text) in items {
            let width = name.count + text.count
            let gap = x == rect.x ? 0 : 2
            if x != rect.x && x + gap + width > rect.maxX {
                line += 1
                x = rect.x
            } else {
                x += gap
            }
            guard line < rect.height else { return line - row }
            x = write(name, x: x, y: rect.y + line, pen: label, maxWidth: rect.maxX - x)
            x = write(text, x: x, y: rect.y + line, pen: value, maxWidth: rect.maxX - x)
        }
        return line - row + 1
    }
}
