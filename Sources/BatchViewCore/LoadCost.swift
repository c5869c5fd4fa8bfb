/// Where the time of one load on the key's path went, for `batchview frame --timing`: getting
/// the raw batch (kept, taken from a read ahead — waiting for it if still reading — or read
/// now), preprocessing, the decode stage's conversion when it ran on the key's path, and
/// building the ``LoadedBatch`` (labels, the NaN scan).
public struct LoadCost: Sendable, Hashable {
    /// Where the raw batch came from.
    public enum RawSource: String, Sendable {
        /// Kept from before: no read.
        case kept
        /// Read ahead in the background (the key waited only for what was left of the read).
        case readAhead = "read ahead"
        /// Read on the key's path.
        case readNow = "read now"
        /// Only the page on screen read on the key's path, the whole batch in the background
        /// (``PageFirstRead``).
        case page
    }

    public var raw: RawSource
    /// Nanoseconds spent getting the raw batch on the key's path.
    public var rawNanoseconds: UInt64
    public var preprocessNanoseconds: UInt64 = 0
    /// Nanoseconds of float32 conversion on the key's path (0 when estimated or timed ahead).
    public var decodeNanoseconds: UInt64 = 0
    /// Nanoseconds building the loaded batch.
    public var buildNanoseconds: UInt64 = 0
    /// For a batch read page first, the rows read of all it has.
    public var pageRows: PageRows?

    /// The rows of a batch read page first: those on screen, of all the batch has.
    public struct PageRows: Sendable, Hashable {
        public var read: Int
        public var of: Int
        /// Whether the page was read (and its previews drawn) ahead, before the key.
        public var readAhead: Bool
    }

    /// `read ahead 4.1 · preprocess 0.0 · decode 0.0 · build 0.2` (milliseconds); a page first
    /// `page 0.3, 16 of 192 rows read ahead · …`.
    public var summary: String {
        func ms(_ ns: UInt64) -> String { String(format: "%.1f", Double(ns) / 1e6) }
        let rows = pageRows.map { ", \($0.read) of \($0.of) rows" + ($0.readAhead ? " read ahead" : "") } ?? ""
        return "\(raw.rawValue) \(ms(rawNanoseconds))\(rows) · preprocess \(ms(preprocessNanoseconds))"
            + " · decode \(ms(decodeNanoseconds)) · build \(ms(buildNanoseconds))"
    }
}
