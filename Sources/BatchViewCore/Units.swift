/// Numbers as the panes print them: bytes in KB/MB/GB, rates with k/M suffixes.
///
/// ```swift
/// Units.bytes(52_428_800)   // "50.0 MB"
/// Units.count(12_345.6)     // "12.3 k"
/// ```
public enum Units {
    /// A byte count in B, KB, MB or GB (powers of 1024), signed when `signed`.
    public static func bytes(_ value: Int, signed: Bool = false) -> String {
        let sign = value < 0 ? "-" : signed ? "+" : ""
        let v = Double(abs(value))
        let body: String
        switch v {
        case ..<1024: body = "\(Int(v)) B"
        case ..<(1024 * 1024): body = fixed(v / 1024) + " KB"
        case ..<(1024 * 1024 * 1024): body = fixed(v / 1_048_576) + " MB"
        default: body = fixed(v / 1_073_741_824) + " GB"
        }
        return sign + body
    }

    /// A quantity with a k, M or G suffix and three significant digits.
    public static func count(_ value: Double) -> String {
        let v = abs(value)
        switch v {
        case ..<1000: return significant(value)
        case ..<1e6: return significant(value / 1e3) + " k"
        case ..<1e9: return significant(value / 1e6) + " M"
        default: return significant(value / 1e9) + " G"
        }
    }

    /// One decimal place.
    public static func fixed(_ value: Double) -> String {
        let scaled = (value * 10).rounded() / 10
        let whole = Int(scaled)
        let tenth = Int((abs(scaled - Double(whole)) * 10).rounded())
        return (scaled < 0 && whole == 0 ? "-" : "") + "\(whole).\(tenth)"
    }

    /// Three significant digits, without exponent.
    public static func significant(_ value: Double) -> String {
        let v = abs(value)
        if v >= 100 || v == 0 { return String(Int(value.rounded())) }
        if v >= 10 { return fixed(value) }
        let scaled = (value * 100).rounded() / 100
        let whole = Int(scaled)
        let hundredths = Int((abs(scaled - Double(whole)) * 100).rounded())
        return (scaled < 0 && whole == 0 ? "-" : "") + "\(whole)." + (hundredths < 10 ? "0" : "") + "\(hundredths)"
    }

    /// A share as a whole percentage.
    public static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }
}
