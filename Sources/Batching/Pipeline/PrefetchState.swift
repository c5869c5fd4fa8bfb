import Foundation

/// The state the workers and the consumer of a ``PrefetchIterator`` share, guarded by one
/// condition lock.
///
/// Offsets into the address sequence are handed to workers in order (`nextTicket`); a worker may
/// take an offset only while it lies less than `capacity` ahead of the consumer, which is the
/// back-pressure. Results land in a ring of `capacity` slots, so the consumer takes them in
/// order. Finished outputs go back to a pool for the next batch to reuse.
final class _PrefetchState<Output: Sendable>: @unchecked Sendable {
    enum Slot {
        case ready(Output)
        case failed(PipelineError)
    }

    let condition = NSCondition()
    let capacity: Int
    let poolCapacity: Int
    let produce: @Sendable (BatchAddress, inout Output?) throws -> Void
    let byteCount: @Sendable (Output) -> Int

    // Guarded by `condition`.
    var sequence: AddressSequence
    var generation = 0
    var nextTicket = 0
    var consumed = 0
    var slots: [Slot?]
    var pool: [Output] = []
    var halted = false
    var cancelled = false
    var liveWorkers = 0
    var reusedCount = 0
    var freshCount = 0
    /// While the consumer sleeps: the offset up to which results must be ready before a worker
    /// wakes it (`nil` while it is awake). Waking it for every batch would cost two thread
    /// switches per batch; waking it for a run of ready batches costs them once per run.
    var consumerWakeOffset: Int?

    init(
        sequence: AddressSequence, capacity: Int, poolCapacity: Int,
        produce: @escaping @Sendable (BatchAddress, inout Output?) throws -> Void,
        byteCount: @escaping @Sendable (Output) -> Int
    ) {
        self.sequence = sequence
        self.capacity = capacity
        self.poolCapacity = poolCapacity
        self.produce = produce
        self.byteCount = byteCount
        slots = Array(repeating: nil, count: capacity)
        pool.reserveCapacity(poolCapacity)
    }

    /// Puts a finished output back for reuse; the caller holds the lock.
    func recycle(_ output: Output) {
        if pool.count < poolCapacity { pool.append(output) }
    }

    /// Takes a pooled output to prepare the next batch in; the caller holds the lock.
    func takeFromPool() -> Output? {
        if let reused = pool.popLast() {
            reusedCount += 1
            return reused
        }
        freshCount += 1
        return nil
    }

    /// Drops every prepared result, recycling the outputs; the caller holds the lock.
    func discardSlots() {
        for i in slots.indices {
            if case .ready(let output)? = slots[i] { recycle(output) }
            slots[i] = nil
        }
    }

    /// Prepares the batch at `address` in `reusing` (a pooled output, or `nil`), catching the
    /// error. `reusing` is passed `inout` so that its buffers stay uniquely referenced.
    func prepare(_ address: BatchAddress, reusing item: inout Output?) -> Slot {
        do {
            try produce(address, &item)
            guard let ready = item.take() else {
                return .failed(
                    PipelineError(
                        address: address,
                        underlying: BatchingError.invalidArgument(
                            "the batch preparer returned nothing for batch (\(address))")))
            }
            return .ready(ready)
        } catch {
            item = nil
            return .failed(PipelineError(address: address, underlying: error))
        }
    }

    /// One worker thread's life: take the next offset in order, prepare it off the lock, store
    /// it in its slot, until cancelled.
    func workerLoop() {
        condition.lock()
        while !cancelled {
            guard !halted, nextTicket < consumed + capacity, let address = sequence.address(at: nextTicket) else {
                condition.wait()
                continue
            }
            let offset = nextTicket
            let ticketGeneration = generation
            nextTicket += 1
            var reusing = takeFromPool()
            condition.unlock()
            let result = prepare(address, reusing: &reusing)
            condition.lock()
            if ticketGeneration == generation && !cancelled {
                slots[offset % capacity] = result
                // Nothing else waits for a result: workers wait for the consumer, not for each other.
                if consumerShouldWake(storing: result) { condition.broadcast() }
            } else {
                if case .ready(let output) = result { recycle(output) }
                condition.broadcast()
            }
        }
        liveWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Whether the sleeping consumer has something to do now: a failure to report, or every
    /// result up to ``consumerWakeOffset`` ready. The caller holds the lock.
    private func consumerShouldWake(storing result: Slot) -> Bool {
        guard let wakeOffset = consumerWakeOffset else { return false }
        if case .failed = result { return true }
        return (consumed...max(consumed, wakeOffset)).allSatisfy { slots[$0 % capacity] != nil }
    }

    /// The offset ``consumerWakeOffset`` is set to when the consumer must wait for the result
    /// at `consumed`: `run - 1` results further, or the sequence's last offset if nearer.
    func wakeOffset(forRunOf run: Int) -> Int {
        var offset = consumed
        while offset - consumed < run - 1, sequence.address(at: offset + 1) != nil { offset += 1 }
        return offset
    }

    /// Bytes of the outputs held in slots and in the pool.
    func heldBytes() -> Int {
        condition.lock()
        defer { condition.unlock() }
        var total = pool.reduce(0) { $0 + byteCount($1) }
        for case .ready(let output)? in slots { total += byteCount(output) }
        return total
    }
}
