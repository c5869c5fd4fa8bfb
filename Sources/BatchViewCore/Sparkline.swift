/// A graph of recent values drawn with braille dots, two values per column and four dots per
/// row, rising from the bottom, as btop draws its graphs.
///
/// ```swift
/// Sparkline.lines([0, 1, 2, 3, 4, 4], width: 3, rows: 1, maximum: 4)   // ["⢀⣠⣾"]-like, one line
/// ```
public enum Sparkline {
    /// Bits of the left column's dots, bottom to top (dots 7, 3, 2, 1).
    static let leftBits: [UInt32] = [0x40, 0x04, 0x02, 0x01]
    /// Bits of the right column's dots, bottom to top (dots 8, 6, 5, 4).
    static let rightBits: [UInt32] = [0x80, 0x20, 0x10, 0x08]

    /// The graph of the last `2 * width` values as `rows` lines of `width` braille cells, top line
    /// first. Values are scaled so that `maximum` (default: the largest value shown) fills all
    /// `4 * rows` dots; a positive value shows at least one dot. Missing older values are blank.
    public static func lines(_ values: [Double], width: Int, rows: Int = 1, maximum: Double? = nil) -> [String] {
        guard width > 0, rows > 0 else { return [] }
        let shown = Array(values.suffix(2 * width))
        let padded = Array(repeating: Double.nan, count: 2 * width - shown.count) + shown
        let top = maximum ?? shown.filter(\.isFinite).max() ?? 0
        let dots = padded.map { dotCount($0, maximum: top, rows: rows) }
        return (0..<rows).map { row in
            let below = (rows - 1 - row) * 4
            var line = String.UnicodeScalarView()
            for cell in 0..<width {
                let left = min(max(dots[2 * cell] - below, 0), 4)
                let right = min(max(dots[2 * cell + 1] - below, 0), 4)
                var bits: UInt32 = 0
                for i in 0..<left { bits |= leftBits[i] }
                for i in 0..<right { bits |= rightBits[i] }
                // bits < 256, so U+2800…U+28FF: the braille block, every one a valid scalar.
                line.append(Unicode.Scalar(0x2800 + bits)!)
            }
            return String(line)
        }
    }

    /// How many of `4 * rows` dots a value lights.
    static func dotCount(_ value: Double, maximum: Double, rows: Int) -> Int {
        guard value.isFinite, value > 0, maximum > 0 else { return 0 }
        let total = rows * 4
        return min(max(Int((value / maximum * Double(total)).rounded()), 1), total)
    }
}
