import Batching

/// Numbers as the panes print them: bytes in KB/MB/GB (powers of 1000, as ``ByteUnits`` defines
/// them: 1 MB = 10^6 bytes), rates with k/M suffixes.
///
/// ```swift
/// Units.bytes(52_428_800)   // "52.4 MB"
/// Units.count(12_345.6)     // "12.3 k"
/// ```
public enum Units {
    /// A byte count in B, KB, MB or GB (``ByteUnits``: powers of 1000), signed when `signed`.
    public static func bytes(_ value: Int, signed: Bool = false) -> String {
        let sign = value < 0 ? "-" : signed ? "+" : ""
        let v = Double(abs(value))
        let body: String
        switch v {
        case ..<Double(ByteUnits.kilobyte): body = "\(Int(v)) B"
        case ..<Double(ByteUnits.megabyte): body = fixed(v / Double(ByteUnits.kilobyte)) + " KB"
        case ..<Double(ByteUnits.gigabyte): body = fixed(ByteUnits.megabytes(v)) + " MB"
        default: body = fixed(v / Double(ByteUnits.gigabyte)) + " GB"
        }
        return sign + body
    }

    /// A rate in bytes per second as MB/s (``ByteUnits``: 10^6 bytes), three significant digits.
    public static func megabytesPerSecond(_ bytesPerSecond: Double) -> String {
        count(ByteUnits.megabytes(bytesPerSecond)) + " MB/s"
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

    /// Seconds as milliseconds, three significant digits: `3.14 ms`.
    public static func milliseconds(_ seconds: Double) -> String { significant(seconds * 1000) + " ms" }

    /// A share as a whole percentage.
    public static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }
}
