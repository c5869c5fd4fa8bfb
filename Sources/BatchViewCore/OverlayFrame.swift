/// The frame every full-pane overlay of issue #17 draws in: the pane area cleared, a rule on its
/// top row with the overlay's title in it, and the rows below for the overlay's body.
enum OverlayFrame {
    /// Clears `rect`, draws the top rule with ` title `, and returns the rows below it.
    static func begin(_ title: String, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer) -> Rect {
        buffer.fill(rect)
        buffer.write(
            String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, pen: theme.rule, maxWidth: rect.width)
        buffer.write(" \(title) ", x: rect.x + 1, y: rect.y, pen: theme.focusedTitle, maxWidth: rect.width - 2)
        return Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    }

    /// Writes `lines` (text and pen) into `body` from its top row; when they do not all fit, the
    /// last row says how many are left out and how many rows the view needs.
    static func write(_ lines: [(String, Pen)], in body: Rect, theme: Theme, into buffer: inout ScreenBuffer) {
        let shown = lines.count <= body.height ? lines.count : max(body.height - 1, 0)
        for (row, line) in lines.prefix(shown).enumerated() { buffer.write(line.0, in: body, row: row, pen: line.1) }
        if shown < lines.count {
            buffer.write(
                "\(lines.count - shown) more line(s) need \(lines.count + 1) rows for this view", in: body,
                row: body.height - 1, pen: theme.error)
        }
    }

    /// An overlay with nothing to show: its title, and why, wrapped in the error pen.
    static func failure(
        _ title: String, reason: String, in rect: Rect, theme: Theme, into buffer: inout ScreenBuffer
    ) {
        let body = begin(title, in: rect, theme: theme, into: &buffer)
        _ = buffer.writeWrapped(reason, in: body, row: 0, pen: theme.error)
    }
}
