import Foundation

/// A label value that is not a class number (a regression target such as 0.5) written as
/// briefly as it can be read: whole numbers plainly, others with a few significant digits,
/// trailing zeros dropped, and an exponent for very small or very large values.
///
/// ```swift
/// LabelValueFormat.compact(0.5)        // "0.5"
/// LabelValueFormat.compact(0.00125)    // "1.25e-3"
/// LabelValueFormat.compact(1e9)        // "1e9"
/// LabelValueFormat.compact(-2.75)      // "-2.75"
/// LabelValueFormat.compact(3.14159, significantDigits: 3)   // "3.14"
/// ```
public enum LabelValueFormat {
    /// `value` with at most `significantDigits` significant digits (at least 1).
    public static func compact(_ value: Double, significantDigits: Int = 4) -> String {
        format(value, digits: significantDigits, exponentOnly: false)
    }

    /// The value in at most `width` columns: as ``compact(_:significantDigits:)`` with fewer
    /// digits, then with an exponent (12345 → `1.2e4`, `1e4`), until it fits; else cut with `…`.
    public static func compact(_ value: Double, fitting width: Int) -> String {
        for exponentOnly in [false, true] {
            for digits in stride(from: 4, through: 1, by: -1) {
                let text = format(value, digits: digits, exponentOnly: exponentOnly)
                if text.count <= width { return text }
            }
        }
        return ScreenBuffer.shortened(format(value, digits: 1, exponentOnly: true), to: width)
    }

    private static func format(_ value: Double, digits asked: Int, exponentOnly: Bool) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        let digits = max(asked, 1)
        // The exponent after rounding to the digits asked for (9.9996 rounds up to 1.000e+01).
        let scientific = String(format: "%.*e", digits - 1, value)
        guard let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: e)...])
        else {
            return scientific
        }
        if !exponentOnly && exponent >= -2 && exponent < 6 {
            return trimmed(String(format: "%.*f", max(digits - 1 - exponent, 0), value))
        }
        return trimmed(String(scientific[..<e])) + "e\(exponent)"
    }

    /// A decimal without trailing zeros after its point (and without the point when nothing
    /// is left after it).
    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var out = Substring(text)
        while out.last == "0" { out = out.dropLast() }
        if out.last == "." { out = out.dropLast() }
        return String(out)
    }
}
