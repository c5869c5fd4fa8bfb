/// The cost of producing one batch: how many samples and bytes, and the time spent reading,
/// decoding and preprocessing it.
public struct BatchTiming: Sendable, Hashable {
    public var samples: Int
    public var bytes: Int
    /// Gathering the rows from the source (file reads and decompression included).
    public var readNanoseconds: UInt64
    /// Turning stored values into what a model is fed (`float32`, bytes scaled to [0, 1]).
    public var decodeNanoseconds: UInt64
    /// The preprocessor (augmentation, windows).
    public var preprocessNanoseconds: UInt64
    /// When the batch was finished, on the meter's clock.
    public var finishedAt: UInt64

    public init(samples: Int, bytes: Int, readNanoseconds: UInt64, decodeNanoseconds: UInt64,
                preprocessNanoseconds: UInt64, finishedAt: UInt64) {
        self.samples = samples
        self.bytes = bytes
        self.readNanoseconds = readNanoseconds
        self.decodeNanoseconds = decodeNanoseconds
        self.preprocessNanoseconds = preprocessNanoseconds
        self.finishedAt = finishedAt
    }

    /// Read, decode and preprocess time together.
    public var busyNanoseconds: UInt64 { readNanoseconds + decodeNanoseconds + preprocessNanoseconds }
}

/// Rates over the recent batches the inspector produced, and their history for sparklines.
///
/// While the inspector runs (`r`), rates are measured over wall-clock time between batches; while
/// it steps by hand they are the pipeline's own speed (samples over busy time), since the time a
/// person takes to press a key says nothing about the pipeline.
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
    }

    /// The batches the rates are computed over.
    public let window: Int
    /// How many points the sparkline histories keep.
    public let historyLength: Int
    public private(set) var recent: [BatchTiming] = []
    /// Samples per second after each batch, oldest first.
    public private(set) var samplesPerSecondHistory: [Double] = []
    /// Megabytes per second after each batch, oldest first.
    public private(set) var megabytesPerSecondHistory: [Double] = []
    /// Batches recorded since the start.
    public private(set) var totalBatches = 0

    public init(window: Int = 16, historyLength: Int = 240) {
        self.window = window
        self.historyLength = historyLength
    }

    /// Adds one batch; `running` says whether batches follow each other without pause.
    public mutating func record(_ timing: BatchTiming, running: Bool = false) {
        recent.append(timing)
        if recent.count > window { recent.removeFirst(recent.count - window) }
        totalBatches += 1
        let now = rates(running: running)
        samplesPerSecondHistory.append(now.samplesPerSecond)
        megabytesPerSecondHistory.append(now.bytesPerSecond / 1e6)
        if samplesPerSecondHistory.count > historyLength {
            samplesPerSecondHistory.removeFirst()
            megabytesPerSecondHistory.removeFirst()
        }
    }

    /// The rates over the recent batches.
    public func rates(running: Bool) -> Rates {
        let samples = recent.reduce(0) { $0 + $1.samples }
        let bytes = recent.reduce(0) { $0 + $1.bytes }
        let read = recent.reduce(0.0) { $0 + Double($1.readNanoseconds) }
        let decode = recent.reduce(0.0) { $0 + Double($1.decodeNanoseconds) }
        let preprocess = recent.reduce(0.0) { $0 + Double($1.preprocessNanoseconds) }
        let busy = read + decode + preprocess
        var seconds = busy / 1e9
        var batches = Double(recent.count)
        var countedSamples = Double(samples), countedBytes = Double(bytes)
        if running, recent.count >= 3, let first = recent.first, let last = recent.last, last.finishedAt > first.finishedAt {
            // Between the first and last finish lie count-1 batches.
            seconds = Double(last.finishedAt - first.finishedAt) / 1e9
            batches -= 1
            countedSamples -= Double(first.samples)
            countedBytes -= Double(first.bytes)
        }
        guard seconds > 0 else { return Rates(samplesPerSecond: 0, batchesPerSecond: 0, bytesPerSecond: 0, readShare: 0, decodeShare: 0, preprocessShare: 0) }
        return Rates(samplesPerSecond: countedSamples / seconds, batchesPerSecond: batches / seconds,
                     bytesPerSecond: countedBytes / seconds,
                     readShare: busy > 0 ? read / busy : 0, decodeShare: busy > 0 ? decode / busy : 0,
                     preprocessShare: busy > 0 ? preprocess / busy : 0)
    }
}
