import Batching

/// What `w` shows: the last few seconds of a running pipeline's ``StageWaits`` and the stage
/// seconds of the batches it delivered meanwhile.
public struct StageWaitsReading: Sendable, Equatable {
    /// The threads' time over the window.
    public var waits: StageWaits
    /// Read, decode and preprocess seconds of the batches delivered in the window, summed.
    public var stages: StageTimes
    /// Whether the pipeline is running (a paused inspector keeps its last run's reading).
    public var running: Bool

    public init(waits: StageWaits, stages: StageTimes, running: Bool) {
        self.waits = waits
        self.stages = stages
        self.running = running
    }

    /// The share of the workers' time (every worker over the window) spent on `seconds`.
    public func workerShare(_ seconds: Double) -> Double {
        waits.share(seconds / Double(max(waits.workers.count, 1)))
    }
}

/// Turns a pipeline's running totals into readings over the last ``span`` to twice that many
/// seconds: it keeps the totals of two moments and shows the change since the older one.
struct StageWaitsWindow {
    /// Seconds between the two kept moments.
    static let span = 2.0

    private struct Moment {
        var waits: StageWaits
        var stages: StageTimes
    }

    private var stageTotals = StageTimes()
    private var older: Moment?
    private var newer: Moment?

    /// Adds the stage times of a delivered batch.
    mutating func add(_ times: StageTimes) {
        stageTotals.read += times.read
        stageTotals.decode += times.decode
        stageTotals.preprocess += times.preprocess
    }

    /// The reading for the totals `waits`, moving the window on when ``span`` has passed.
    mutating func reading(_ waits: StageWaits) -> StageWaitsReading {
        if newer.map({ waits.elapsed - $0.waits.elapsed >= Self.span }) ?? true {
            older = newer
            newer = Moment(waits: waits, stages: stageTotals)
        }
        guard let older else { return StageWaitsReading(waits: waits, stages: stageTotals, running: true) }
        let stages = StageTimes(
            read: stageTotals.read - older.stages.read, decode: stageTotals.decode - older.stages.decode,
            preprocess: stageTotals.preprocess - older.stages.preprocess)
        return StageWaitsReading(waits: waits.since(older.waits), stages: stages, running: true)
    }
}
