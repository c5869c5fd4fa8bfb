/// A grid of character cells the inspector draws into; the terminal backend copies it to the
/// screen and the tests compare it with text snapshots.
///
/// Every glyph is one column wide. Writing outside the grid is clipped, never an error, so
/// panes can draw without checking the room they were given.
///
/// ```swift
/// var buffer = ScreenBuffer(width: 20, height: 2)
/// buffer.write("epoch 0", x: 1, y: 0)
/// buffer.text   // " epoch 0\n"
/// ```
public struct ScreenBuffer: Hashable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// The cells, row after row.
    public private(set) var cells: [Cell]

    /// A buffer of blank cells.
    public init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    /// Whether (`x`, `y`) is inside the grid.
    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes `text` from column `x` of row `y`, at most `maxWidth` columns, and returns the
    /// column after the last one written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, pen: Pen = .plain, maxWidth: Int? = nil) -> Int {
        var column = x
        let limit = maxWidth.map { x + max($0, 0) } ?? Int.max
        for scalar in text.unicodeScalars {
            if column >= limit { break }
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            // Control characters from a file (ESC in a dataset or class name) must not reach the
            // terminal raw: they are shown as visible escapes.
            for shown in Self.visible(scalar).unicodeScalars where column < limit {
                self[column, y] = Cell(shown, pen: pen)
                column += 1
            }
        }
        return column
    }

    /// `scalar` as text safe to put on a terminal: itself, or `\e` for ESC and `?` for any other
    /// control character (C0, DEL, C1).
    static func visible(_ scalar: Unicode.Scalar) -> String {
        guard scalar.properties.generalCategory == .control else { return String(scalar) }
        return scalar == "\u{1B}" ? "\\e" : "?"
    }

    /// Writes `text` clipped to `rect`'s row `row` (counted from the rectangle's top).
    @discardableResult
    public mutating func write(_ text: String, in rect: Rect, row: Int, column: Int = 0, pen: Pen = .plain) -> Int {
        guard row >= 0, row < rect.height, column < rect.width else { return rect.x + column }
        return write(text, x: rect.x + column, y: rect.y + row, pen: pen, maxWidth: rect.width - column)
    }

    /// Fills `rect` with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        for y in max(rect.y, 0)..<min(rect.maxY, height) {
            for x in max(rect.x, 0)..<min(rect.maxX, width) { cells[y * width + x] = cell }
        }
    }

    /// Changes the pen of every cell in `rect`, keeping the glyphs.
    public mutating func restyle(_ rect: Rect, _ change: (inout Pen) -> Void) {
        for y in max(rect.y, 0)..<min(rect.maxY, height) {
            for x in max(rect.x, 0)..<min(rect.maxX, width) { change(&cells[y * width + x].pen) }
        }
    }

    /// Copies `other` with its top-left corner at (`x`, `y`).
    public mutating func blit(_ other: ScreenBuffer, x: Int, y: Int) {
        for row in 0..<other.height {
            for column in 0..<other.width { self[x + column, y + row] = other[column, row] }
        }
    }

    /// The glyphs of row `y` as a string, with trailing spaces kept.
    public func line(_ y: Int) -> String {
        var out = String.UnicodeScalarView()
        for x in 0..<width { out.append(self[x, y].glyph) }
        return String(out)
    }

    /// The glyphs as text: one line per row, trailing spaces removed, each line ending in a
    /// newline. This is the form of the text snapshots.
    public var text: String {
        var out = ""
        for y in 0..<height {
            var line = self.line(y)
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
