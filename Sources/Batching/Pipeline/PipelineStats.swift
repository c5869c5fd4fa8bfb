/// A snapshot of an input pipeline's health, as the inspector's memory and throughput panes poll
/// it: memory now and at peak, heap and its change, bytes held in buffers and caches, rates,
/// stage times and short histories of each.
///
/// Rates are over the most recent ``PipelineStatsRecorder/rateWindow`` batches; history points
/// are taken every ``PipelineStatsRecorder/historyInterval`` seconds.
public struct PipelineStats: Sendable {
    /// Seconds since the first batch was recorded.
    public var elapsed: Double
    /// Batches delivered so far.
    public var batches: Int
    /// Samples delivered so far.
    public var samples: Int
    /// Samples per second, recent.
    public var samplesPerSecond: Double
    /// Batches per second, recent.
    public var batchesPerSecond: Double
    /// Megabytes (10⁶ bytes) read per second from the source, recent.
    public var readMBPerSecond: Double
    /// Megabytes of decoded samples per second, recent.
    public var decodedMBPerSecond: Double
    /// Samples per second since the first batch.
    public var averageSamplesPerSecond: Double
    /// Resident memory now, in bytes.
    public var residentBytes: Int
    /// Peak resident memory of the process, in bytes.
    public var peakResidentBytes: Int
    /// Heap bytes in use, when the platform tells.
    public var heapInUseBytes: Int?
    /// How much the heap in use changed over the last batch, in bytes.
    public var heapChangeOverLastBatch: Int?
    /// Bytes held in prepared batches and the buffer pool.
    public var bufferedBytes: Int
    /// Bytes held in decoded-chunk caches.
    public var cacheBytes: Int
    /// The stage times of the last batch.
    public var lastStageTimes: StageTimes
    /// The mean stage times per batch so far.
    public var meanStageTimes: StageTimes
    /// Recent history of each measure, for sparklines.
    public var history: History
    /// Where the pipeline's threads spent their time, when the pipeline reports it.
    public var waits: StageWaits? = nil

    /// Histories for sparklines, oldest first.
    public struct History: Sendable {
        /// Samples per second in each interval.
        public var samplesPerSecond: [Double]
        /// Megabytes read per second in each interval.
        public var readMBPerSecond: [Double]
        /// Megabytes decoded per second in each interval.
        public var decodedMBPerSecond: [Double]
        /// Resident memory in MB (10⁶ bytes, ``ByteUnits``) at the end of each interval.
        public var residentMB: [Double]
        /// Heap in use in MB (10⁶ bytes) at the end of each interval.
        public var heapMB: [Double]
        /// Mean reading milliseconds per batch in each interval.
        public var readMilliseconds: [Double]
        /// Mean decoding milliseconds per batch in each interval.
        public var decodeMilliseconds: [Double]
        /// Mean preprocessing milliseconds per batch in each interval.
        public var preprocessMilliseconds: [Double]
    }
}
