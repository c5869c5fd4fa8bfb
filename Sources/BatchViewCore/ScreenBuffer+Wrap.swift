extension ScreenBuffer {
    /// Splits `text` into lines of at most `width` characters, breaking at spaces where it can
    /// and inside a word only when the word alone is wider than `width`.
    ///
    /// ```swift
    /// ScreenBuffer.wrap("the crop 29 does not fit", width: 10)   // ["the crop", "29 does", "not fit"]
    /// ```
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines = [String]()
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = Substring(word)
                if !line.isEmpty && line.count + 1 + word.count <= width {
                    line += " " + word
                    continue
                }
                if !line.isEmpty { lines.append(line) }
                line = ""
                while word.count > width {
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                line = String(word)
            }
            lines.append(line)
        }
        return lines
    }

    /// Writes `text` word-wrapped from row `row` of `rect`; returns the number of rows used.
    @discardableResult
    public mutating func writeWrapped(_ text: String, in rect: Rect, row: Int, pen: Pen = .plain) -> Int {
        let lines = Self.wrap(text, width: rect.width)
        var used = 0
        for (offset, line) in lines.enumerated() where row + offset < rect.height {
            write(line, in: rect, row: row + offset, pen: pen)
            used += 1
        }
        return used
    }
}
