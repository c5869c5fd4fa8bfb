/// Draws an image two pixels per cell with the upper half block `▀`: the glyph's colour is the
/// upper pixel, the cell's background the lower one.
///
/// A 28×28 image fills 28 columns and 14 rows. Grey images use the 24-step grey ramp in
/// 256-colour mode; colour images the nearest palette entry (``XtermPalette``); truecolor draws
/// the exact values.
///
/// ```swift
/// HalfBlockRenderer.draw(image, x: 2, y: 5, mode: .palette256, into: &buffer)
/// ```
public enum HalfBlockRenderer {
    /// The upper half block.
    public static let glyph: Unicode.Scalar = "▀"

    /// Draws `image` with its top-left pixel at cell (`x`, `y`); an odd last pixel row leaves
    /// the lower half in the terminal's background.
    public static func draw(_ image: DisplayImage, x: Int, y: Int, mode: ColorMode, into buffer: inout ScreenBuffer) {
        for row in 0..<(image.height + 1) / 2 {
            for column in 0..<image.width {
                let upper = color(of: image, x: column, y: 2 * row, mode: mode)
                let lower =
                    2 * row + 1 < image.height ? color(of: image, x: column, y: 2 * row + 1, mode: mode) : .default
                buffer[x + column, y + row] = Cell(glyph, pen: Pen(foreground: upper, background: lower))
            }
        }
    }

    /// The cell colour of pixel (`x`, `y`) in `mode` (``CellColor/default`` in ``ColorMode/none``).
    public static func color(of image: DisplayImage, x: Int, y: Int, mode: ColorMode) -> CellColor {
        if image.channels == 1 {
            return greyColor(byte(image.value(x: x, y: y)), mode: mode)
        }
        return rgbColor(
            byte(image.value(x: x, y: y, channel: 0)), byte(image.value(x: x, y: y, channel: 1)),
            byte(image.value(x: x, y: y, channel: 2)), mode: mode)
    }

    /// A grey level as a cell colour in `mode`.
    public static func greyColor(_ value: UInt8, mode: ColorMode) -> CellColor {
        switch mode {
        case .none: .default
        case .palette256: .indexed(XtermPalette.greyIndex(value))
        case .truecolor: .rgb(value, value, value)
        }
    }

    /// An RGB colour as a cell colour in `mode`.
    public static func rgbColor(_ r: UInt8, _ g: UInt8, _ b: UInt8, mode: ColorMode) -> CellColor {
        switch mode {
        case .none: .default
        case .palette256: .indexed(XtermPalette.index(red: r, green: g, blue: b))
        case .truecolor: .rgb(r, g, b)
        }
    }

    /// An intensity in [0, 1] as a byte, rounded to nearest.
    public static func byte(_ value: Float) -> UInt8 {
        UInt8(min(max((value * 255).rounded(), 0), 255))
    }
}
