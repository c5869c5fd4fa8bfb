/// What a terminal below the minimum size shows: the size needed, centred, on as many lines as
/// the width allows. `q` still quits and, where the help overlay fits (23×5 and up), `?` shows
/// the keys.
public enum TooSmallScreen {
    /// The frame for a terminal of `width`×`height`.
    public static func render(width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let need = "need \(InspectorLayout.minimumWidth)×\(InspectorLayout.minimumHeight)"
        let full = "terminal too small: \(need)"
        let keys = HelpOverlay.fits(width: width, height: height) ? "q quits  ? keys" : "q quits"
        let lines =
            full.count <= width
            ? [full, "(now \(width)×\(height))", keys]
            : ["terminal too small:", need, "(now \(width)×\(height))", keys]
        let top = max((height - lines.count) / 2, 0)
        for (i, line) in lines.enumerated() where top + i < height {
            buffer.write(
                line, x: max((width - line.count) / 2, 0), y: top + i, pen: i == 0 ? Pen(style: .bold) : .plain)
        }
        return buffer
    }
}
