extension ScreenBuffer {
    /// The buffer as text with ANSI escape sequences for colours and attributes, one line per
    /// row, for `batchview frame` with colour.
    ///
    /// Palette colours become `38;5;N`/`48;5;N`, RGB colours `38;2;R;G;B`/`48;2;R;G;B`; every line
    /// ends with a reset, so the text can be printed anywhere.
    public var ansiText: String {
        var out = ""
        for y in 0..<height {
            var current = Pen.plain
            var line = ""
            for x in 0..<width {
                let cell = self[x, y]
                if cell.pen != current {
                    line += Self.sgr(cell.pen)
                    current = cell.pen
                }
                line.unicodeScalars.append(cell.glyph)
            }
            if current != .plain { line += "\u{1B}[0m" }
            out += line + "\n"
        }
        return out
    }

    /// The select-graphic-rendition sequence that switches to `pen` from any state.
    static func sgr(_ pen: Pen) -> String {
        var codes = ["0"]
        if pen.style.contains(.bold) { codes.append("1") }
        if pen.style.contains(.dim) { codes.append("2") }
        if pen.style.contains(.underline) { codes.append("4") }
        if pen.style.contains(.reverse) { codes.append("7") }
        switch pen.foreground {
        case .default: break
        case .indexed(let i): codes.append("38;5;\(i)")
        case .rgb(let r, let g, let b): codes.append("38;2;\(r);\(g);\(b)")
        }
        switch pen.background {
        case .default: break
        case .indexed(let i): codes.append("48;5;\(i)")
        case .rgb(let r, let g, let b): codes.append("48;2;\(r);\(g);\(b)")
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
