/// The footer: the main keys, and a status line for messages, errors and prompts.
enum FooterPane {
    static let keys: [(String, String)] = [
        ("n", "next"), ("p", "prev"), ("N/P", "epoch"), ("g", "go"), ("/", "find"), ("Enter", "detail"),
        ("a", "raw/aug"), ("b", "sampler"), ("s", "shuffle"), ("r", "run"), ("+/-", "zoom"), ("c", "colour"),
        ("?", "help"), ("q", "quit"),
    ]

    static func draw(_ session: InspectorSession, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        guard rect.height > 0 else { return }
        var x = rect.x
        for (key, meaning) in keys {
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
        let status = session.status
        buffer.write(status.text, x: rect.x, y: y, pen: status.isError ? theme.error : theme.label, maxWidth: rect.width)
    }
}
