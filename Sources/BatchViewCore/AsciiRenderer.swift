/// Draws an image with the ASCII ramp ` .:-=+*#%@`, one glyph per cell, for terminals without
/// colour (`NO_COLOR`, `TERM=dumb`, `--color none`).
///
/// Like ``HalfBlockRenderer``, a cell covers one pixel across and two down (their mean
/// brightness), so an image keeps the same size and aspect in either mode.
///
/// ```swift
/// AsciiRenderer.glyph(for: 0)     // " "
/// AsciiRenderer.glyph(for: 1)     // "@"
/// ```
public enum AsciiRenderer {
    /// Ten glyphs from dark to bright.
    public static let ramp: [Unicode.Scalar] = Array(" .:-=+*#%@".unicodeScalars)

    /// Draws `image` with its top-left pixel at cell (`x`, `y`).
    public static func draw(_ image: DisplayImage, x: Int, y: Int, into buffer: inout ScreenBuffer) {
        for row in 0..<(image.height + 1) / 2 {
            for column in 0..<image.width {
                let upper = image.luma(x: column, y: 2 * row)
                let lower = 2 * row + 1 < image.height ? image.luma(x: column, y: 2 * row + 1) : upper
                buffer[x + column, y + row] = Cell(glyph(for: (upper + lower) / 2))
            }
        }
    }

    /// The ramp glyph for a brightness in [0, 1]: ten equal bins.
    public static func glyph(for brightness: Float) -> Unicode.Scalar {
        let index = Int((min(max(brightness, 0), 1) * Float(ramp.count)).rounded(.down))
        return ramp[min(index, ramp.count - 1)]
    }
}
