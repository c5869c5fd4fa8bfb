/// The colour of a glyph or of the cell behind it, as a terminal draws it.
///
/// Renderers decide the colour form for the active ``ColorMode``: an image in 256-colour mode
/// stores palette indices, in truecolor mode RGB triples, and in the ASCII mode nothing but
/// ``default``.
///
/// ```swift
/// let grey = CellColor.indexed(244)
/// let orange = CellColor.rgb(255, 128, 0)
/// ```
public enum CellColor: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the xterm-256 palette entries (0–15 are the terminal's named colours).
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes of a cell.
public struct CellStyle: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = CellStyle(rawValue: 1)
    public static let reverse = CellStyle(rawValue: 2)
    public static let dim = CellStyle(rawValue: 4)
    public static let underline = CellStyle(rawValue: 8)
}

/// The colours and attributes text is written with.
///
/// ```swift
/// buffer.write("epoch 3", x: 0, y: 0, pen: Pen(foreground: .indexed(3), style: .bold))
/// ```
public struct Pen: Hashable, Sendable {
    public var foreground: CellColor
    public var background: CellColor
    public var style: CellStyle

    public init(foreground: CellColor = .default, background: CellColor = .default, style: CellStyle = []) {
        self.foreground = foreground
        self.background = background
        self.style = style
    }

    /// The terminal's plain text.
    public static let plain = Pen()

    /// The same pen with `extra` attributes added.
    public func adding(_ extra: CellStyle) -> Pen {
        var copy = self
        copy.style.formUnion(extra)
        return copy
    }
}

/// One character cell of the screen: a glyph one column wide and how it is drawn.
public struct Cell: Hashable, Sendable {
    public var glyph: Unicode.Scalar
    public var pen: Pen

    public init(_ glyph: Unicode.Scalar = " ", pen: Pen = .plain) {
        self.glyph = glyph
        self.pen = pen
    }

    /// An empty cell in the terminal's colours.
    public static let blank = Cell()
}
