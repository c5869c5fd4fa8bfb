import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Prepares batches ahead on worker threads into a bounded buffer and hands them out in order
/// (BatchUp's `parallel_data_source(ds, batch_buffer_size)`).
///
/// Worker threads take batch addresses in order and prepare them at most `capacity` batches
/// ahead of the consumer; the consumer receives them in address order, so the output is the
/// same bytes for any number of workers (every batch is a pure function of its address). With 0
/// workers the batches are prepared on the calling thread. Outputs the consumer is done with go
/// back to a pool and the next batch is prepared in them, so a steady run allocates no batch
/// buffers. A consumer that finds its batch not ready sleeps until a run of them is (one per
/// worker), so that thread switches cost once per run rather than once per batch. A failure reaches the consumer once, as a ``PipelineError`` naming the batch and
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
    private let state: _PrefetchState<Output>
    private var lastReturned: Output?
    private var threads: [pthread_t] = []
    private let onDeliver: (@Sendable (Output) -> Void)?
    /// Batches that must be ready before a waiting consumer is woken: one per worker (at most
    /// the buffer), so that the consumer sleeps and wakes once per round of the workers rather
    /// than once per batch.
    private var handOffRun: Int { max(1, min(workers, buffer)) }

    /// - Parameters:
    ///   - sequence: the addresses to visit.
    ///   - workers: worker threads; 0 prepares batches on the calling thread.
    ///   - buffer: batches kept ready ahead of the consumer (at least 1).
    ///   - byteCount: the bytes an output holds, for ``heldBytes``.
    ///   - onDeliver: called on the consumer's thread with every batch handed out (stats).
    ///   - trimsHeapAtEpochEnd: release free heap memory after the last batch of each epoch.
    ///   - prepare: makes the batch at an address; the `inout` value arrives holding a used
    ///     output from the pool (or `nil`) whose buffers may be reused, and must leave holding
    ///     the prepared batch.
    public init(
        sequence: AddressSequence, workers: Int, buffer: Int,
        byteCount: @escaping @Sendable (Output) -> Int = { _ in 0 },
        onDeliver: (@Sendable (Output) -> Void)? = nil, trimsHeapAtEpochEnd: Bool = true,
        prepare: @escaping @Sendable (BatchAddress, inout Output?) throws -> Void
    ) {
        self.workers = max(0, workers)
        self.buffer = Self.effectiveBuffer(requested: buffer, for: sequence)
        self.onDeliver = onDeliver
        self.trimsHeapAtEpochEnd = trimsHeapAtEpochEnd
        state = _PrefetchState(
            sequence: sequence, capacity: self.buffer + self.workers,
            poolCapacity: self.buffer + self.workers + 1, produce: prepare, byteCount: byteCount)
        startWorkers()
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
        let state = self.state
        state.condition.lock()
        defer { state.condition.unlock() }
        if let last = lastReturned.take() { state.recycle(last) }
        if workers == 0 { return try nextSerially() }
        while true {
            if state.halted || state.cancelled { return nil }
            if state.sequence.address(at: state.consumed) == nil { return nil }
            let index = state.consumed % state.capacity
            if let slot = state.slots[index] {
                state.slots[index] = nil
                state.consumed += 1
                state.condition.broadcast()
                trimIfEpochEnded()
                return try deliver(slot)
            }
            state.consumerWakeOffset = state.wakeOffset(forRunOf: handOffRun)
            state.condition.wait()
            state.consumerWakeOffset = nil
        }
    }

    /// Makes `address` the next batch; prepared batches are dropped and workers restart there.
    /// Also clears a failure, so the iterator is usable again.
    public func seek(to address: BatchAddress) {
        state.condition.lock()
        defer { state.condition.unlock() }
        state.generation += 1
        state.discardSlots()
        state.sequence.start = address
        state.nextTicket = 0
        state.consumed = 0
        state.halted = false
        state.condition.broadcast()
    }

    /// The address the next ``next()`` returns, or `nil` at the end.
    public var position: BatchAddress? {
        state.condition.lock()
        defer { state.condition.unlock() }
        return state.sequence.address(at: state.consumed)
    }

    /// Stops the workers and waits until every worker thread has ended. Idempotent.
    public func close() {
        state.condition.lock()
        state.cancelled = true
        state.condition.broadcast()
        while state.liveWorkers > 0 { state.condition.wait() }
        state.discardSlots()
        state.pool.removeAll()
        let running = threads
        threads = []
        state.condition.unlock()
        for thread in running { pthread_join(thread, nil) }
    }

    /// Bytes held in prepared batches and in the pool of reusable ones.
    public var heldBytes: Int { state.heldBytes() }

    /// How many batches were prepared in a reused output, and how many needed a fresh one.
    public var poolCounts: (reused: Int, fresh: Int) {
        state.condition.lock()
        defer { state.condition.unlock() }
        return (state.reusedCount, state.freshCount)
    }

    private func nextSerially() throws -> Output? {
        guard !state.halted, !state.cancelled, let address = state.sequence.address(at: state.consumed) else {
            return nil
        }
        var reusing = state.takeFromPool()
        state.consumed += 1
        trimIfEpochEnded()
        return try deliver(state.prepare(address, reusing: &reusing))
    }

    /// After the last batch of an epoch has been taken, hands free heap memory back.
    private func trimIfEpochEnded() {
        guard trimsHeapAtEpochEnd, let perEpoch = state.sequence.batchesPerEpoch, perEpoch > 0,
            let previous = state.sequence.address(at: state.consumed - 1),
            previous.batch == perEpoch - 1 || state.sequence.address(at: state.consumed) == nil
        else { return }
        HeapTrim.releaseFreeMemory()
    }

    private func deliver(_ slot: _PrefetchState<Output>.Slot) throws -> Output {
        switch slot {
        case .ready(let output):
            lastReturned = output
            onDeliver?(output)
            return output
        case .failed(let error):
            state.halted = true
            state.generation += 1
            state.discardSlots()
            throw error
        }
    }

    private func startWorkers() {
        guard workers > 0 else { return }
        state.condition.lock()
        state.liveWorkers = workers
        state.condition.unlock()
        for _ in 0..<workers {
            let state = self.state
            let body = Unmanaged.passRetained(_ThreadBody { state.workerLoop() }).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(
                &thread, nil,
                { context in
                    Unmanaged<_ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
                    return nil
                }, body)
            if status == 0 {
                threads.append(thread)
            } else {
                Unmanaged<_ThreadBody>.fromOpaque(body).release()
                state.condition.lock()
                state.liveWorkers -= 1
                state.condition.unlock()
            }
        }
    }
}

/// What a worker thread runs; passed through `pthread_create`'s context pointer.
final class _ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
