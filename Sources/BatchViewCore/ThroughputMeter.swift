import Batching

/// The cost of producing one batch: how many samples, and the library's ``StageTimes`` (read,
/// decode and preprocess seconds, bytes read and decoded), stamped with when it was finished.
///
/// Stepping, the inspector fills the stages itself (decode = the `float32` conversion a model is
/// fed); running, they are the prefetch pipeline's own (decode = inflating and unshuffling
/// chunks), passed through unchanged.
///
/// ```swift
/// let timing = BatchTiming(samples: 64, stages: StageTimes(read: 0.002, decode: 0.001, bytesRead: 50_176),
///                          finishedAt: 1_500_000_000)
/// timing.bytes   // 50_176
/// ```
public struct BatchTiming: Sendable, Hashable {
    /// Samples produced (0 for a later slice of a batch already counted).
    public var samples: Int
    /// The time of each stage and the bytes moved.
    public var stages: StageTimes
    /// When the batch was finished, in nanoseconds on the meter's clock.
    public var finishedAt: UInt64
    /// The read's decoded-chunk cache look-ups, when the source reads chunks through a cache and
    /// the batch was read for this (not kept from an earlier read).
    public var chunkLookups: ChunkLookups?

    public init(samples: Int, stages: StageTimes, finishedAt: UInt64) {
        self.samples = samples
        self.stages = stages
        self.finishedAt = finishedAt
    }

    /// Bytes read from the source.
    public var bytes: Int { stages.bytesRead }
}

/// Rates over the recent batches the inspector produced, and their history for sparklines.
///
/// While the inspector runs (`r`), rates are measured over wall-clock time between batches; while
/// it steps by hand they are the pipeline's own speed (samples over busy time), since the time a
/// person takes to press a key says nothing about the pipeline. Both come from the library's
/// ``ThroughputWindow`` over the last ``window`` batches.
///
/// ```swift
/// var meter = ThroughputMeter()
/// meter.record(timing)
/// meter.rates(running: false).samplesPerSecond
/// ```
public struct ThroughputMeter: Sendable {
    /// Rates at one moment.
    public struct Rates: Sendable, Hashable {
        public var samplesPerSecond: Double
        public var batchesPerSecond: Double
        public var bytesPerSecond: Double
        /// Shares of read, decode and preprocess in the busy time, summing to 1 (or all 0).
        public var readShare: Double
        public var decodeShare: Double
        public var preprocessShare: Double
        /// Shares of the busy time inside external stages (a python function) and in transport
        /// to them: parts of ``preprocessShare``.
        public var externalShare = 0.0
        public var transportShare = 0.0
    }

    /// The batches the rates are computed over.
    public let window: Int
    /// How many points the sparkline histories keep.
    public let historyLength: Int
    /// The last ``window`` batches.
    private var recent: ThroughputWindow
    /// Samples per second after each batch, oldest first.
    public private(set) var samplesPerSecondHistory: [Double] = []
    /// Megabytes (10^6 bytes) per second after each batch, oldest first.
    public private(set) var megabytesPerSecondHistory: [Double] = []
    /// Batches recorded since the start.
    public private(set) var totalBatches = 0

    public init(window: Int = 16, historyLength: Int = 240) {
        self.window = window
        self.historyLength = historyLength
        recent = ThroughputWindow(capacity: window)
    }

    /// Adds one batch; `running` says whether batches follow each other without pause.
    public mutating func record(_ timing: BatchTiming, running: Bool = false) {
        recent.record(samples: timing.samples, stages: timing.stages, at: Double(timing.finishedAt) / 1e9)
        totalBatches += 1
        let now = rates(running: running)
        samplesPerSecondHistory.append(now.samplesPerSecond)
        megabytesPerSecondHistory.append(ByteUnits.megabytes(now.bytesPerSecond))
        if samplesPerSecondHistory.count > historyLength {
            samplesPerSecondHistory.removeFirst()
            megabytesPerSecondHistory.removeFirst()
        }
    }

    /// The rates over the recent batches: between the first finish and the last when `running`
    /// (given three batches or more), else over the time their stages took.
    public func rates(running: Bool) -> Rates {
        let window = running && recent.count >= 3 && recent.span > 0 ? recent.elapsedRates : recent.busyRates
        let shares = recent.busyRates
        var rates = Rates(
            samplesPerSecond: window.samplesPerSecond, batchesPerSecond: window.batchesPerSecond,
            bytesPerSecond: window.bytesReadPerSecond, readShare: shares.readShare,
            decodeShare: shares.decodeShare, preprocessShare: shares.preprocessShare)
        rates.externalShare = shares.externalShare
        rates.transportShare = shares.transportShare
        return rates
    }
}
