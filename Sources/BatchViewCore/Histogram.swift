/// Horizontal bars with eighth-of-a-cell precision, for the class-balance pane.
///
/// ```swift
/// Histogram.bar(fraction: 0.5, width: 4)    // "██  "
/// Histogram.bar(fraction: 0.3, width: 4)    // "█▏  " (1.2 cells, rounded to eighths)
/// ```
public enum Histogram {
    /// The partial blocks ▏ (1/8) to ▉ (7/8).
    public static let eighths: [Unicode.Scalar] = Array("▏▎▍▌▋▊▉".unicodeScalars)

    /// A bar `width` columns wide, filled to `fraction` (clamped to [0, 1]) in eighths of a
    /// column and padded with spaces. A non-zero fraction shows at least an eighth.
    public static func bar(fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        var eighthsTotal = Int((clamped * Double(width * 8)).rounded())
        if clamped > 0 && eighthsTotal == 0 { eighthsTotal = 1 }
        let full = eighthsTotal / 8
        let rest = eighthsTotal % 8
        var out = String(repeating: "█", count: full)
        if rest > 0 { out.unicodeScalars.append(eighths[rest - 1]) }
        return out + String(repeating: " ", count: width - full - (rest > 0 ? 1 : 0))
    }

    /// Counts of each class among `labels`, for classes `0..<classCount`; labels outside the
    /// range are not counted.
    public static func counts(_ labels: some Sequence<Int>, classCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels where label >= 0 && label < classCount { counts[label] += 1 }
        return counts
    }

    /// Each count's share of the total; all zero when the total is zero.
    public static func shares(_ counts: [Int]) -> [Double] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in 0 } }
        return counts.map { Double($0) / Double(total) }
    }
}
