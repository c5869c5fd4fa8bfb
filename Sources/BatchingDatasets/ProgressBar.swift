import Foundation

/// A one-line progress bar on standard error, redrawn in place — drawn only when stderr is a
/// terminal, so logs and pipes (and error messages after it) stay clean, as with the other
/// commands' bars.
///
/// ```swift
/// let bar = ProgressBar(label: "Downloading train_32x32.mat", total: 182_040_794)
/// bar.update(91_020_397)   // Downloading train_32x32.mat [##########----------]  50%  91.0/182.0 MB
/// bar.finish()
/// ```
public final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let total: Int?
    private let isTerminal: Bool
    private let enabled: Bool
    private var lastDrawn = -1
    private var done = 0
    private let lock = NSLock()

    /// A bar for `total` units (bytes, samples…; `nil` when unknown); `enabled: false` draws nothing.
    public init(label: String, total: Int?, enabled: Bool = true) {
        self.label = label
        self.total = total.flatMap { $0 > 0 ? $0 : nil }
        self.enabled = enabled
        isTerminal = isatty(2) == 1
    }

    /// Records that `done` units of the total are finished, redrawing when the shown figure changes.
    public func update(_ done: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.done = done
        guard enabled, isTerminal else { return }
        let figure = total.map { min(1000, done * 1000 / $0) } ?? done >> 20
        guard figure != lastDrawn else { return }
        lastDrawn = figure
        Self.write("\r" + line())
    }

    /// Ends the bar's line.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, isTerminal else { return }
        Self.write("\r" + line() + "\n")
    }

    private func line() -> String {
        guard let total else { return "\(label)  \(Self.megabytes(done)) MB" }
        let width = 24
        let filled = min(width, done * width / total)
        let percent = min(100, done * 100 / total)
        return "\(label) [\(String(repeating: "#", count: filled))\(String(repeating: "-", count: width - filled))] "
            + "\(String(repeating: " ", count: percent < 10 ? 2 : percent < 100 ? 1 : 0))\(percent)%  \(Self.megabytes(done))/\(Self.megabytes(total)) MB"
    }

    private static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_000_000)
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
