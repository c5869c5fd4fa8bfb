extension ScreenBuffer {
    /// The columns `text` takes when written (a control character shown as `\e` takes two,
    /// a combining mark none).
    public static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            scalar.properties.generalCategory == .nonspacingMark ? total : total + visible(scalar).unicodeScalars.count
        }
    }

    /// `text` cut to at most `width` columns so that a person can still tell what it was: its
    /// start kept and the cut marked with `…`; unchanged when it fits, empty when `width` < 1.
    ///
    /// ```swift
    /// ScreenBuffer.shortened("Pembroke Welsh Corgi", to: 8)   // "Pembrok…"
    /// ScreenBuffer.shortened("cat", to: 8)                    // "cat"
    /// ```
    public static func shortened(_ text: String, to width: Int) -> String {
        guard columns(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var kept = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let cost = scalar.properties.generalCategory == .nonspacingMark ? 0 : visible(scalar).unicodeScalars.count
            if used + cost > width - 1 { break }
            kept.append(scalar)
            used += cost
        }
        // No space left dangling before the mark.
        while let last = kept.last, last == " " { kept.removeLast() }
        return String(kept) + "…"
    }
}
