/// Prepares batches ahead on worker threads into a bounded buffer and hands them out in order
/// (BatchUp's `parallel_data_source(ds, batch_buffer_size)`).
///
/// An ``OrderedWorkStream`` whose tasks are batch addresses: worker threads take addresses in
/// order and prepare them at most `buffer + workers` batches ahead of the consumer; the consumer receives them in address order, so the output is the
/// same bytes for any number of workers (every batch is a pure function of its address). With 0
/// workers the batches are prepared on the calling thread. Outputs the consumer is done with go
/// back to a pool and the next batch is prepared in them, so a steady run allocates no batch
/// buffers; each output goes back to the thread that prepared it, so it stays in that core's
/// cache. A consumer that finds its batch not ready sleeps until a run of them is (as many as
/// the buffer), so that thread switches cost once per run rather than once per batch — or, with
/// `consumerHelps`, prepares the next batch no worker has taken itself instead of sleeping.
/// A failure reaches the consumer once, as a ``PipelineError`` naming the batch and
/// sample; after it ``next()`` returns `nil` until a ``seek(to:)``. Every method takes the one
/// lock, so the iterator may be shared between threads. ``seek(to:)`` drops the prepared batches
/// and sends the workers to the new address; dropping the iterator or ``close()`` stops the
/// workers and joins their threads, so no thread outlives its iterator.
///
/// ```swift
/// let sequence = AddressSequence(start: BatchAddress(epoch: 0, batch: 0), batchesPerEpoch: 469, endEpoch: 1)
/// let batches = PrefetchIterator<Batch>(sequence: sequence, workers: 2, buffer: 4) { address, reused in
///     reused = try source.batch(at: address, options)
/// }
/// while let batch = try batches.next() { train(batch) }
/// ```
public final class PrefetchIterator<Output: Sendable>: @unchecked Sendable {
    /// Worker threads preparing batches (0: prepared on the consumer's thread).
    public let workers: Int
    /// Batches prepared ahead of the consumer, at most.
    public let buffer: Int
    /// Whether free heap memory is handed back to the system after the last batch of every
    /// epoch (see ``HeapTrim``), which keeps resident memory flat over many epochs.
    public let trimsHeapAtEpochEnd: Bool
    private let work: _OrderedWorkState<BatchAddress, Output>
    // Guarded by `work.lock`.
    private var sequence: AddressSequence
    /// The batch the consumer holds, and the worker whose pooled output it is.
    private var lastReturned: (output: Output, home: Int)?
    private let onDeliver: (@Sendable (Output) -> Void)?
    /// Batches that must be ready before a waiting consumer is woken: the whole buffer, so that
    /// the consumer sleeps and wakes once per `buffer` batches rather than once per batch (the
    /// workers keep `workers` places ahead of that to go on with meanwhile). One per worker
    /// made 1.19 thread switches a batch with 2 workers and buffer 4; the whole buffer 0.96.
    private var handOffRun: Int { max(1, buffer) }
    /// Whether the consumer prepares batches itself while the one it needs next is not ready.
    public let consumerHelps: Bool

    /// - Parameters:
    ///   - sequence: the addresses to visit.
    ///   - workers: worker threads; 0 prepares batches on the calling thread.
    ///   - buffer: batches kept ready ahead of the consumer (at least 1).
    ///   - byteCount: the bytes an output holds, for ``heldBytes``.
    ///   - onDeliver: called on the consumer's thread with every batch handed out (stats).
    ///   - trimsHeapAtEpochEnd: release free heap memory after the last batch of each epoch.
    ///   - consumerHelps: when the batch ``next()`` needs is not ready, the calling thread
    ///     prepares the next batch no worker has taken (its own, or one ahead) instead of
    ///     sleeping, and looks again: `workers + 1` threads prepare batches and the consumer
    ///     hands none over to itself through a thread switch. For a consumer with nothing else
    ///     to do meanwhile (a benchmark, a converter); not for one that must answer quickly
    ///     (a user interface), since ``next()`` may then take a whole batch's time.
    ///   - maxOutputs: outputs that exist at once at most, the one the consumer holds included
    ///     (at least 2); workers wait for one to come back rather than make another. `nil`: up
    ///     to `buffer + workers + 1`, as many as the places ahead need. For outputs of hundreds
    ///     of megabytes (whole-file batches) 2 keeps resident memory at two batches: one read,
    ///     one being prepared.
    ///   - prepare: makes the batch at an address; the `inout` value arrives holding a used
    ///     output from the pool (or `nil`) whose buffers may be reused, and must leave holding
    ///     the prepared batch.
    public init(
        sequence: AddressSequence, workers: Int, buffer: Int,
        byteCount: @escaping @Sendable (Output) -> Int = { _ in 0 },
        onDeliver: (@Sendable (Output) -> Void)? = nil, trimsHeapAtEpochEnd: Bool = true, maxOutputs: Int? = nil,
        consumerHelps: Bool = false,
        prepare: @escaping @Sendable (BatchAddress, inout Output?) throws -> Void
    ) {
        self.workers = max(0, workers)
        self.buffer = Self.effectiveBuffer(requested: buffer, for: sequence)
        self.sequence = sequence
        self.onDeliver = onDeliver
        self.trimsHeapAtEpochEnd = trimsHeapAtEpochEnd
        self.consumerHelps = consumerHelps
        work = _OrderedWorkState(
            capacity: self.buffer + self.workers, poolCapacity: self.buffer + self.workers + 1,
            outputLimit: maxOutputs.map { max(2, $0) },
            taskAt: sequence.address(at:), produce: prepare,
            failure: { address, error in PipelineError(address: address, underlying: error) }, byteCount: byteCount)
        work.startWorkers(self.workers)
    }

    /// The buffer an iterator over `sequence` really keeps: at least 1, and never more batches
    /// than the sequence holds, since slots and pooled outputs are allocated for every place in it.
    public static func effectiveBuffer(requested: Int, for sequence: AddressSequence) -> Int {
        max(1, min(requested, sequence.count ?? requested))
    }

    deinit { close() }

    /// The next batch in address order, or `nil` after the last (or after a failure).
    ///
    /// - Throws: ``PipelineError`` once, for the first batch whose preparation failed.
    public func next() throws -> Output? {
        work.lock.lock()
        defer { work.lock.unlock() }
        if let last = lastReturned.take() { work.recycle(last.output, home: last.home) }
        guard let output = try work.takeNext(role) else { return nil }
        trimIfEpochEnded()
        lastReturned = (output, work.lastTakenHome)
        onDeliver?(output)
        return output
    }

    /// Makes `address` the next batch; prepared batches are dropped and workers restart there.
    /// Also clears a failure, so the iterator is usable again.
    public func seek(to address: BatchAddress) {
        work.lock.lock()
        defer { work.lock.unlock() }
        sequence.start = address
        work.restart(taskAt: sequence.address(at:))
    }

    /// The address the next ``next()`` returns, or `nil` at the end.
    public var position: BatchAddress? {
        work.lock.lock()
        defer { work.lock.unlock() }
        return sequence.address(at: work.consumed)
    }

    /// Stops the workers and waits until every worker thread has ended. Idempotent.
    public func close() { work.cancelAndJoin() }

    /// Bytes held in prepared batches and in the pool of reusable ones.
    public var heldBytes: Int { work.heldBytes() }

    /// Where the workers and the consumer spent their time since the iterator was made: busy,
    /// waiting for input, blocked on a full buffer, and the queue depth the consumer found.
    public var stageWaits: StageWaits { work.stageWaits() }

    /// How many batches were prepared in a reused output, and how many needed a fresh one.
    public var poolCounts: (reused: Int, fresh: Int) {
        work.lock.lock()
        defer { work.lock.unlock() }
        return (work.reusedCount, work.freshCount)
    }

    /// How ``next()`` gets its batch.
    private var role: _ConsumerRole {
        if workers == 0 { return .preparesAll }
        return consumerHelps ? .helps : .waits(run: handOffRun)
    }

    /// After the last batch of an epoch has been taken, hands free heap memory back.
    private func trimIfEpochEnded() {
        guard trimsHeapAtEpochEnd, let perEpoch = sequence.batchesPerEpoch, perEpoch > 0,
            let previous = sequence.address(at: work.consumed - 1),
            previous.batch == perEpoch - 1 || sequence.address(at: work.consumed) == nil
        else { return }
        HeapTrim.releaseFreeMemory()
    }
}
