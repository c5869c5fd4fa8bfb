/// The footer: the main keys, and a status line for messages, errors and prompts.
enum FooterPane {
    static let keys: [(String, String)] = [
        ("n", "next"), ("p", "prev"), ("N/P", "epoch"), ("g", "go"), ("/", "find"), ("Enter", "detail"),
        ("a", "raw/aug"), ("b", "sampler"), ("s", "shuffle"), ("r", "run"), ("+/-", "zoom"), ("c", "colour"),
        ("?", "help"), ("q", "quit"),
    ]

    /// The keys a forward-only source refuses, left out of its hints (they say why when pressed).
    static let forwardOnlyRefuses: Set<String> = ["/", "b", "s"]

    static func draw(_ session: any InspectorView, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        guard rect.height > 0 else { return }
        // A status sentence too long for one row takes the key hints' row too, wrapped.
        let status = session.status
        if rect.height > 1, status.text.count > rect.width, !isPrompt(session) {
            let lines = ScreenBuffer.wrap(status.text, width: rect.width)
            var shown = Array(lines.prefix(rect.height))
            if lines.count > rect.height {
                let rest: String = lines[(rect.height - 1)...].joined(separator: " ")
                shown[rect.height - 1] = String(rest.prefix(rect.width - 1)) + "…"
            }
            for (row, line) in shown.enumerated() {
                buffer.write(line, in: rect, row: row, pen: status.isError ? theme.error : theme.label)
            }
            return
        }
        var x = rect.x
        for (key, meaning) in keys where session.dataset.forwardOnly == nil || !forwardOnlyRefuses.contains(key) {
            if x + key.count + meaning.count + 2 > rect.maxX { break }
            x = buffer.write(key, x: x, y: rect.y, pen: theme.value, maxWidth: rect.maxX - x)
            x = buffer.write(" " + meaning + "  ", x: x, y: rect.y, pen: theme.label, maxWidth: rect.maxX - x)
        }
        guard rect.height > 1 else { return }
        let y = rect.y + 1
        if case .prompt(let kind, let text) = session.state.overlay {
            let end = buffer.write(kind.question, x: rect.x, y: y, pen: theme.title, maxWidth: rect.width)
            let cursor = buffer.write(text, x: end, y: y, pen: theme.value, maxWidth: rect.maxX - end)
            buffer.write("▏", x: cursor, y: y, pen: theme.value, maxWidth: rect.maxX - cursor)
            return
        }
        buffer.write(
            status.text, x: rect.x, y: y, pen: status.isError ? theme.error : theme.label, maxWidth: rect.width)
    }

    private static func isPrompt(_ session: any InspectorView) -> Bool {
        if case .prompt = session.state.overlay { return true }
        return false
    }
}
