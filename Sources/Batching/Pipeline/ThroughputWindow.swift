/// Rates over the most recent batches: the one computation behind the pipeline's statistics
/// (``PipelineStatsRecorder``), the inspector's throughput pane and `bench`.
///
/// The window keeps a *mark* per batch (when it finished, and the running totals of batches,
/// samples, stage seconds and bytes before and after it), up to ``capacity`` marks, dropping the
/// oldest. Two kinds of rate follow:
///
/// - ``elapsedRates``: what was done after the oldest mark up to the newest, over the wall-clock
///   time between them (the oldest mark's own batch finished at the span's start, so it is not
///   counted). ``start(at:)`` adds a mark without a batch, for a window that starts with a clock.
/// - ``busyRates``: everything the marked batches did, over the seconds their stages took; for a
///   pipeline stepped by hand, where the pauses between batches say nothing about its speed.
///
/// Adding a mark never allocates.
///
/// ```swift
/// var window = ThroughputWindow(capacity: 33) // the start and the 32 most recent batches
/// window.start(at: 0)
/// window.record(samples: 64, stages: StageTimes(read: 0.01, bytesRead: 50_176), at: 0.01)
/// window.elapsedRates.samplesPerSecond // 6400
/// ```
public struct ThroughputWindow: Sendable, Hashable {
    /// Rates at one moment; ``zero`` when the window spans no time.
    public struct Rates: Sendable, Hashable {
        public var samplesPerSecond: Double
        public var batchesPerSecond: Double
        /// Bytes read from the source per second (stored bytes, compressed if the file is).
        public var bytesReadPerSecond: Double
        /// Bytes of decoded samples per second.
        public var bytesDecodedPerSecond: Double
        /// Shares of read, decode and preprocess in the busy time, summing to 1 (or all 0).
        public var readShare: Double
        public var decodeShare: Double
        public var preprocessShare: Double
        /// Shares of the busy time inside external stages' code and in transport to them (parts
        /// of ``preprocessShare``).
        public var externalShare = 0.0
        public var transportShare = 0.0

        /// All rates 0: nothing measured yet.
        public static let zero = Rates(
            samplesPerSecond: 0, batchesPerSecond: 0, bytesReadPerSecond: 0, bytesDecodedPerSecond: 0, readShare: 0,
            decodeShare: 0, preprocessShare: 0)
    }

    /// Running totals since the window was made.
    private struct Totals: Sendable, Hashable {
        var batches = 0
        var samples = 0
        /// Stage seconds (a negative one, from a clock step, counts as 0) and bytes.
        var work = StageTimes()

        /// What was done between `earlier` and these totals.
        func since(_ earlier: Totals) -> Totals {
            Totals(batches: batches - earlier.batches, samples: samples - earlier.samples, work: work - earlier.work)
        }
    }

    /// One batch's end (or the start): when, and the totals before and after its batch.
    private struct Mark: Sendable, Hashable {
        var time = 0.0
        var before = Totals()
        var after = Totals()
    }

    private var marks: [Mark]
    private var head = 0
    /// The number of marks held (at most ``capacity``).
    public private(set) var count = 0
    private var totals = Totals()

    /// An empty window keeping at most `capacity` marks (at least 1).
    public init(capacity: Int) { marks = Array(repeating: Mark(), count: max(1, capacity)) }

    /// The most marks the window keeps.
    public var capacity: Int { marks.count }

    /// Seconds from the oldest mark to the newest (0 with fewer than two marks).
    public var span: Double { count >= 2 ? mark(count - 1).time - mark(0).time : 0 }

    /// Adds a mark at `time` (seconds on any clock) with no batch: where the clock started.
    public mutating func start(at time: Double) {
        push(Mark(time: time, before: totals, after: totals))
    }

    /// Adds a batch of `samples` samples whose stages took `stages`, finished at `time` (seconds).
    public mutating func record(samples: Int, stages: StageTimes, at time: Double) {
        let before = totals
        totals.batches += 1
        totals.samples += samples
        totals.work =
            totals.work
            + StageTimes(
                read: max(stages.read, 0), decode: max(stages.decode, 0), preprocess: max(stages.preprocess, 0),
                external: max(stages.external, 0), transport: max(stages.transport, 0), bytesRead: stages.bytesRead,
                bytesDecoded: stages.bytesDecoded)
        push(Mark(time: time, before: before, after: totals))
    }

    /// The rates between the oldest mark and the newest, over the time between them.
    public var elapsedRates: Rates {
        guard count >= 2 else { return .zero }
        return Self.rates(of: mark(count - 1).after.since(mark(0).after), over: span)
    }

    /// The rates of every marked batch, over the seconds their stages took.
    public var busyRates: Rates {
        guard count >= 1 else { return .zero }
        let done = mark(count - 1).after.since(mark(0).before)
        return Self.rates(of: done, over: done.work.total)
    }

    private static func rates(of done: Totals, over seconds: Double) -> Rates {
        guard seconds > 0 else { return .zero }
        let busy = done.work.total
        var rates = Rates(
            samplesPerSecond: Double(done.samples) / seconds, batchesPerSecond: Double(done.batches) / seconds,
            bytesReadPerSecond: Double(done.work.bytesRead) / seconds,
            bytesDecodedPerSecond: Double(done.work.bytesDecoded) / seconds,
            readShare: busy > 0 ? done.work.read / busy : 0, decodeShare: busy > 0 ? done.work.decode / busy : 0,
            preprocessShare: busy > 0 ? done.work.preprocess / busy : 0)
        if busy > 0 {
            rates.externalShare = done.work.external / busy
            rates.transportShare = done.work.transport / busy
        }
        return rates
    }

    /// The `i`th mark held, oldest first.
    private func mark(_ i: Int) -> Mark { marks[(head + i) % marks.count] }

    private mutating func push(_ mark: Mark) {
        marks[(head + count) % marks.count] = mark
        if count < marks.count { count += 1 } else { head = (head + 1) % marks.count }
    }
}
