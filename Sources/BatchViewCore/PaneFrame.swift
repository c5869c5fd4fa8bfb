/// The title rule every pane starts with: `─2 Class balance─────── note ─`, highlighted when
/// the pane has focus.
enum PaneFrame {
    /// Draws the title row of `id` in `rect` and returns the rows below it.
    static func draw(
        _ id: PaneID, in rect: Rect, focused: Bool, note: String = "", theme: Theme,
        into buffer: inout ScreenBuffer
    ) -> Rect {
        guard rect.height > 0 else { return rect }
        buffer.write(
            String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, pen: theme.rule, maxWidth: rect.width)
        let title = "\(id.rawValue) \(id.title)"
        let end = buffer.write(
            title, x: rect.x + 1, y: rect.y, pen: focused ? theme.focusedTitle : theme.title,
            maxWidth: rect.width - 1)
        if !note.isEmpty, end + note.count + 3 <= rect.maxX {
            let start = rect.maxX - note.count - 3
            buffer.write(" " + note + " ", x: start, y: rect.y, pen: theme.label, maxWidth: rect.maxX - start)
        }
        return Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    }
}
