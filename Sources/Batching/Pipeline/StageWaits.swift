/// Where the threads of a prefetch pipeline spent their time: each worker's busy time, its time
/// waiting for a task and its time blocked on a full buffer; the consumer's time waiting for a
/// batch; and how many prepared batches the consumer found ready when it took one (queue depth).
///
/// Totals since the pipeline started; ``since(_:)`` gives the figures between two snapshots, so
/// a view can show the last few seconds. A worker prepares a batch's stages (read, decode,
/// preprocess) back to back, so waits belong to the worker, not to a stage: it waits for input
/// before its first stage and is blocked after its last one.
///
/// ```swift
/// let batches = try source.prefetchedBatches(options, workers: 2, buffer: 4)
/// while let batch = try batches.next() { train(batch) }
/// let waits = batches.stageWaits
/// print(waits.workers.map(\.busyShare), waits.meanQueueDepth)
/// ```
public struct StageWaits: Sendable, Hashable {
    /// One thread's time, in seconds.
    public struct Thread: Sendable, Hashable {
        /// Seconds preparing batches.
        public var busy = 0.0
        /// Seconds waiting because there was nothing to take (for a worker: no task, at the end
        /// or after a failure; for the consumer: no prepared batch).
        public var waitingForInput = 0.0
        /// Seconds a worker waited because the buffer ahead of the consumer was full.
        public var blockedOnOutput = 0.0
        /// Batches this thread prepared (a worker) or took (the consumer).
        public var batches = 0

        public init(busy: Double = 0, waitingForInput: Double = 0, blockedOnOutput: Double = 0, batches: Int = 0) {
            self.busy = busy
            self.waitingForInput = waitingForInput
            self.blockedOnOutput = blockedOnOutput
            self.batches = batches
        }

        /// The figures between `earlier` and these.
        func since(_ earlier: Thread) -> Thread {
            Thread(
                busy: busy - earlier.busy, waitingForInput: waitingForInput - earlier.waitingForInput,
                blockedOnOutput: blockedOnOutput - earlier.blockedOnOutput, batches: batches - earlier.batches)
        }
    }

    /// Seconds the figures cover.
    public var elapsed: Double
    /// Each worker thread (none when batches are prepared on the consumer's thread).
    public var workers: [Thread]
    /// The consumer: its waits for a prepared batch, the batches it took, and (without worker
    /// threads) its own preparing as busy time.
    public var consumer: Thread
    /// Prepared batches the consumer found ready, summed over its takes.
    public var queueDepthSum: Int
    /// Prepared batches ready now.
    public var queueDepthNow: Int
    /// Batches that fit in the buffer ahead of the consumer (buffer plus workers).
    public var queueCapacity: Int

    public init(
        elapsed: Double, workers: [Thread], consumer: Thread, queueDepthSum: Int, queueDepthNow: Int,
        queueCapacity: Int
    ) {
        self.elapsed = elapsed
        self.workers = workers
        self.consumer = consumer
        self.queueDepthSum = queueDepthSum
        self.queueDepthNow = queueDepthNow
        self.queueCapacity = queueCapacity
    }

    /// Prepared batches the consumer found ready, on average over its takes.
    public var meanQueueDepth: Double {
        consumer.batches == 0 ? 0 : Double(queueDepthSum) / Double(consumer.batches)
    }

    /// The share of ``elapsed`` a thread spent on `seconds`, 0 to 1.
    public func share(_ seconds: Double) -> Double {
        elapsed > 0 ? min(max(seconds / elapsed, 0), 1) : 0
    }

    /// The figures between `earlier` (a snapshot of the same pipeline) and these; the queue depth
    /// now and the capacity are these.
    public func since(_ earlier: StageWaits) -> StageWaits {
        guard earlier.workers.count == workers.count else { return self }
        return StageWaits(
            elapsed: elapsed - earlier.elapsed,
            workers: zip(workers, earlier.workers).map { $0.since($1) }, consumer: consumer.since(earlier.consumer),
            queueDepthSum: queueDepthSum - earlier.queueDepthSum, queueDepthNow: queueDepthNow,
            queueCapacity: queueCapacity)
    }
}
