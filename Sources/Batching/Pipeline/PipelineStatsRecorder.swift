import Synchronization

/// Collects per-batch measurements on the consumer's thread and makes ``PipelineStats``
/// snapshots on demand.
///
/// Recording a batch takes a lock, does arithmetic on fixed-size rings and reads the heap size;
/// resident memory is read at most every ``memoryInterval`` seconds. Nothing is allocated per
/// batch. The clock and the memory probe are injectable, so the arithmetic is testable.
///
/// ```swift
/// let stats = PipelineStatsRecorder()
/// let batches = try source.prefetchedBatches(options, workers: 2, buffer: 4, stats: stats)
/// while let batch = try batches.next() { train(batch.slices[0].images) }
/// print(stats.snapshot().samplesPerSecond)
/// ```
public final class PipelineStatsRecorder: Sendable {
    /// Batches the recent rates are measured over.
    public let rateWindow: Int
    /// Seconds between history points.
    public let historyInterval: Double
    /// Seconds between resident-memory readings.
    public let memoryInterval: Double
    private let clock: any PipelineClock
    private let probe: any MemoryProbe
    private let state: Mutex<_StatsState>
    private let providers = Mutex<(held: (@Sendable () -> Int)?, cache: (@Sendable () -> Int)?)>((nil, nil))
    private let waitsProvider = Mutex<(@Sendable () -> StageWaits?)?>(nil)

    /// - Parameters:
    ///   - historyLength: points kept per history.
    public init(
        clock: any PipelineClock = SystemPipelineClock(), memory: any MemoryProbe = ProcessMemoryProbe(),
        rateWindow: Int = 32, historyInterval: Double = 0.5, historyLength: Int = 60,
        memoryInterval: Double = 0.05
    ) {
        self.clock = clock
        probe = memory
        self.rateWindow = max(1, rateWindow)
        self.historyInterval = historyInterval
        self.memoryInterval = memoryInterval
        state = Mutex(_StatsState(window: self.rateWindow, historyLength: historyLength))
    }

    /// Reports the bytes held in the pipeline's buffers (set by the pipeline).
    public var heldBytesProvider: (@Sendable () -> Int)? {
        get { providers.withLock { $0.held } }
        set { providers.withLock { $0.held = newValue } }
    }

    /// Reports the bytes held in caches (set by a caching reader).
    public var cacheBytesProvider: (@Sendable () -> Int)? {
        get { providers.withLock { $0.cache } }
        set { providers.withLock { $0.cache = newValue } }
    }

    /// Reports where the pipeline's threads spent their time (set by the pipeline).
    public var stageWaitsProvider: (@Sendable () -> StageWaits?)? {
        get { waitsProvider.withLock { $0 } }
        set { waitsProvider.withLock { $0 = newValue } }
    }

    /// Marks the start of timing (the first rate is measured from here); optional.
    public func start() {
        let now = clock.now()
        state.withLock { $0.begin(at: now) }
    }

    /// Records one delivered batch.
    public func record(_ batch: PreprocessedBatch) {
        record(samples: batch.raw.count, times: batch.times)
    }

    /// Records one delivered batch of `samples` samples whose stages took `times`.
    public func record(samples: Int, times: StageTimes) {
        let now = clock.now()
        let heap = probe.heapInUse()
        let needsMemory = state.withLock { state -> Bool in
            state.record(now: now, samples: samples, times: times, heap: heap, historyInterval: historyInterval)
            return now - state.lastMemoryTime >= memoryInterval || state.lastMemoryTime.isNaN
        }
        if needsMemory {
            let resident = probe.resident()
            state.withLock { $0.updateResident(resident, at: now) }
        }
    }

    /// The statistics now.
    public func snapshot() -> PipelineStats {
        let now = clock.now()
        let resident = probe.resident()
        let (held, cache) = providers.withLock { ($0.held, $0.cache) }
        let heldBytes = held?() ?? 0
        let cacheBytes = cache?() ?? 0
        let waits = waitsProvider.withLock { $0 }?() ?? nil
        var stats = state.withLock { state in
            state.updateResident(resident, at: now)
            return state.snapshot(now: now, bufferedBytes: heldBytes, cacheBytes: cacheBytes)
        }
        stats.waits = waits
        return stats
    }
}
