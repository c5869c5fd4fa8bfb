import Foundation

/// A progress bar on standard error with a rate and an estimate of the time left, drawn only when
/// standard error is a terminal (and then at most ten times a second); silent otherwise.
///
/// ```swift
/// let bar = ProgressBar(total: 469, unit: "samples")
/// bar.update(done: 100, count: 12_800)
/// bar.finish()
/// ```
final class ProgressBar {
    private let total: Int?
    private let unit: String
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast

    /// - Parameters:
    ///   - total: the number of steps, when known.
    ///   - unit: what the rate counts (`samples`).
    init(total: Int?, unit: String) {
        self.total = total
        self.unit = unit
        enabled = isatty(2) == 1
    }

    /// Redraws after `done` steps that moved `count` units in all.
    func update(done: Int, count: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 1e-9)
        let rate = Double(count) / elapsed
        var line = ""
        if let total, total > 0 {
            let fraction = min(Double(done) / Double(total), 1)
            let width = 30
            let filled = Int(fraction * Double(width))
            let eta = done > 0 ? elapsed * Double(total - done) / Double(done) : 0
            line = "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "] "
                + String(format: "%3.0f%%  ", fraction * 100) + "\(Self.compact(rate)) \(unit)/s  ETA \(Self.duration(eta))"
        } else {
            line = "\(done) batches  \(Self.compact(rate)) \(unit)/s  \(Self.duration(elapsed))"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
    }

    /// Clears the bar.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    static func compact(_ value: Double) -> String {
        switch value {
        case 1e6...: String(format: "%.2fM", value / 1e6)
        case 1e3...: String(format: "%.1fk", value / 1e3)
        default: String(format: "%.0f", value)
        }
    }

    static func duration(_ seconds: Double) -> String {
        seconds >= 60 ? String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60) : String(format: "%.1fs", seconds)
    }
}
