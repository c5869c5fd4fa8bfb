import Foundation

/// A one-line progress bar on standard error, redrawn in place with a rate and the time left.
///
/// It draws only when standard error is a terminal (and then at most ten times a second), so logs,
/// pipes and the error messages that may follow stay clean. Safe to update from any thread.
///
/// ```swift
/// let bar = ProgressBar(label: "Downloading train_32x32.mat", total: 182_040_794, unit: .bytes)
/// bar.update(91_020_397)   // Downloading train_32x32.mat [████████····]  50%  91.0/182.0 MB  12.1 MB/s  ETA 7.5s
/// bar.finish()
/// ```
public final class ProgressBar: @unchecked Sendable {
    /// What the bar counts.
    public enum Unit: Sendable, Equatable {
        /// Bytes, shown in MB and MB/s.
        case bytes
        /// Things with a name (`batches`, `samples`), shown as counts and a rate per second.
        case count(String)
    }

    private let label: String
    private let total: Int?
    private let unit: Unit
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var done = 0
    private let lock = NSLock()

    /// A bar for `total` units (`nil` when unknown); `enabled: false` never draws.
    public init(label: String, total: Int?, unit: Unit = .bytes, enabled: Bool = true) {
        self.label = label
        self.total = total.flatMap { $0 > 0 ? $0 : nil }
        self.unit = unit
        self.enabled = enabled && isatty(2) == 1
    }

    /// Records that `done` units are finished, redrawing when a tenth of a second has passed.
    public func update(_ done: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.done = done
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        Self.write("\r\u{1B}[2K" + line(now: now))
    }

    /// Clears the bar's line.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard enabled else { return }
        Self.write("\r\u{1B}[2K")
    }

    private func line(now: Date) -> String {
        let elapsed = max(now.timeIntervalSince(start), 1e-9)
        let rate = Self.amount(Double(done) / elapsed, unit) + (unit == .bytes ? " MB/s" : "/s")
        guard let total else {
            return "\(label)  \(Self.amount(Double(done), unit))  \(rate)  \(Self.duration(elapsed))"
        }
        let fraction = min(Double(done) / Double(total), 1)
        let width = 24
        let filled = Int(fraction * Double(width))
        let eta = done > 0 ? elapsed * Double(max(total - done, 0)) / Double(done) : 0
        return "\(label) [" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            + "] "
            + String(format: "%3.0f%%  ", fraction * 100)
            + "\(Self.amount(Double(done), unit))/\(Self.amount(Double(total), unit))  "
            + "\(rate)  ETA \(Self.duration(eta))"
    }

    /// `1.2k batches`, or `91.0` (MB) for bytes.
    static func amount(_ value: Double, _ unit: Unit) -> String {
        switch unit {
        case .bytes: return String(format: "%.1f", ByteUnits.megabytes(value))
        case .count(let name):
            let figure: String =
                switch value {
                case 1e6...: String(format: "%.2fM", value / 1e6)
                case 1e3...: String(format: "%.1fk", value / 1e3)
                default: String(format: "%.0f", value)
                }
            return "\(figure) \(name)"
        }
    }

    static func duration(_ seconds: Double) -> String {
        seconds >= 60
            ? String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60) : String(format: "%.1fs", seconds)
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
