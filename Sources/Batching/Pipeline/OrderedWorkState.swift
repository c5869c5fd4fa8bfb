import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The engine of an ordered work stream, shared by ``OrderedWorkStream`` and
/// ``PrefetchIterator``: worker threads take tasks in order, do them off the lock, and the
/// consumer takes the results in task order, guarded by one condition lock.
///
/// A worker may take task `k` only while it lies less than `capacity` ahead of the consumer (the
/// back-pressure); results land in a ring of `capacity` slots. Outputs the consumer is done with
/// go back to a pool for a later task to reuse. `taskAt` is called once per offset, in increasing
/// order, under the lock, so it may read a plain iterator.
final class _OrderedWorkState<Task: Sendable, Output: Sendable>: @unchecked Sendable {
    enum Slot {
        case ready(Output)
        case failed(any Error)
    }

    let condition = NSCondition()
    let capacity: Int
    let byteCount: @Sendable (Output) -> Int
    private let produce: @Sendable (Task, inout Output?) throws -> Void
    private let failure: @Sendable (Task, any Error) -> any Error

    // Guarded by `condition`.
    private var taskAt: (Int) -> Task?
    private var endOffset: Int?
    private var generation = 0
    private var nextTicket = 0
    private(set) var consumed = 0
    private var slots: [Slot?]
    private var pool: _OutputPool<Output>
    private var halted = false
    private var cancelled = false
    private var liveWorkers = 0
    var reusedCount: Int { pool.reusedCount }
    var freshCount: Int { pool.freshCount }
    private var threads: [pthread_t] = []
    /// While the consumer sleeps: the offset up to which results must be ready before a worker
    /// wakes it (`nil` while it is awake). Waking it for every result would cost two thread
    /// switches per result; waking it for a run of ready results costs them once per run.
    private var consumerWakeOffset: Int?
    /// Where the threads spent their time (``stageWaits()``).
    private var waits = _StageWaitLedger()

    /// - Parameters:
    ///   - outputLimit: outputs in use and pooled at most (see ``_OutputPool``), or `nil`.
    ///   - failure: wraps an error a task threw into the error the consumer sees (naming the task).
    init(
        capacity: Int, poolCapacity: Int, outputLimit: Int? = nil, taskAt: @escaping (Int) -> Task?,
        produce: @escaping @Sendable (Task, inout Output?) throws -> Void,
        failure: @escaping @Sendable (Task, any Error) -> any Error,
        byteCount: @escaping @Sendable (Output) -> Int
    ) {
        self.capacity = capacity
        pool = _OutputPool(capacity: poolCapacity, limit: outputLimit)
        self.taskAt = taskAt
        self.produce = produce
        self.failure = failure
        self.byteCount = byteCount
        slots = Array(repeating: nil, count: capacity)
    }

    /// Puts a finished output back for reuse; the caller holds the lock.
    func recycle(_ output: Output) {
        if pool.recycle(output) { condition.broadcast() } // a worker waits for an output
    }

    /// The next result in task order, waiting for it; `nil` after the last task, after a
    /// failure or once cancelled. With `serially`, the calling thread does the task itself. The
    /// caller holds the lock.
    ///
    /// - Parameter run: when the next result is not ready, sleep until it and the `run - 1`
    ///   after it are (or the tasks end, or one fails), so that a consumer of quick results wakes
    ///   once per round of the workers rather than once per result.
    /// - Throws: the failure of the task, once; afterwards `nil` until ``restart(taskAt:)``.
    func takeNext(serially: Bool, wakingAfter run: Int = 1) throws -> Output? {
        while true {
            if halted || cancelled { return nil }
            if let endOffset, consumed >= endOffset { return nil }
            if serially {
                guard let task = pullTask(at: consumed) else { return nil }
                var reusing = pool.take()
                consumed += 1
                let began = _StageWaitLedger.now()
                let result = settle(prepare(task, reusing: &reusing))
                waits.consumerPrepared(seconds: _StageWaitLedger.now() - began)
                waits.consumerTook(depth: 0)
                return try deliver(result)
            }
            let index = consumed % capacity
            if let slot = slots[index] {
                waits.consumerTook(depth: readyCount)
                slots[index] = nil
                consumed += 1
                condition.broadcast()
                return try deliver(slot)
            }
            consumerWakeOffset = wakeOffset(forRunOf: run)
            waits.consumerWaits()
            condition.wait()
            waits.consumerWoke()
            consumerWakeOffset = nil
        }
    }

    /// The offset the sleeping consumer waits for: `run - 1` results past `consumed`, or the
    /// last task's when the tasks are known to end sooner. The caller holds the lock.
    private func wakeOffset(forRunOf run: Int) -> Int {
        let last = consumed + max(run, 1) - 1
        guard let endOffset else { return last }
        return max(consumed, min(last, endOffset - 1))
    }

    /// Whether the sleeping consumer has something to do now that `result` is stored: a failure
    /// to report, or every result up to ``consumerWakeOffset`` ready. The caller holds the lock.
    private func consumerShouldWake(storing result: Slot) -> Bool {
        guard let wakeOffset = consumerWakeOffset else { return false }
        if case .failed = result { return true }
        return (consumed...max(consumed, wakeOffset)).allSatisfy { slots[$0 % capacity] != nil }
    }

    /// Drops every result and starts over at the first task of `taskAt`; clears a failure. The
    /// caller holds the lock.
    func restart(taskAt: @escaping (Int) -> Task?) {
        generation += 1
        discardSlots()
        self.taskAt = taskAt
        endOffset = nil
        nextTicket = 0
        consumed = 0
        halted = false
        condition.broadcast()
    }

    /// Bytes of the outputs held in slots and in the pool.
    func heldBytes() -> Int {
        condition.lock()
        defer { condition.unlock() }
        var total = pool.bytes(byteCount)
        for case .ready(let output)? in slots { total += byteCount(output) }
        return total
    }

    /// Where the threads spent their time since the engine was made.
    func stageWaits() -> StageWaits {
        condition.lock()
        defer { condition.unlock() }
        return waits.snapshot(queueDepthNow: readyCount, queueCapacity: capacity)
    }

    /// Results stored and not yet taken; the caller holds the lock.
    private var readyCount: Int { slots.reduce(0) { $1 == nil ? $0 : $0 + 1 } }

    /// Starts `count` worker threads (pthreads, so they are ours to join).
    func startWorkers(_ count: Int) {
        guard count > 0 else { return }
        condition.lock()
        defer { condition.unlock() }
        liveWorkers = count
        waits.begin(workers: count)
        for worker in 0..<count {
            let body = Unmanaged.passRetained(_ThreadBody { [self] in workerLoop(worker) }).toOpaque()
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
                liveWorkers -= 1
            }
        }
    }

    /// Stops the workers and waits until every worker thread has ended. Idempotent.
    func cancelAndJoin() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while liveWorkers > 0 { condition.wait() }
        discardSlots()
        pool.removeAll()
        let running = threads
        threads = []
        condition.unlock()
        for thread in running { pthread_join(thread, nil) }
    }

    /// The task at `offset`, remembering where the tasks end; the caller holds the lock.
    private func pullTask(at offset: Int) -> Task? {
        guard let task = taskAt(offset) else {
            endOffset = offset
            condition.broadcast()
            return nil
        }
        return task
    }

    /// Counts a failed task's output as gone; the caller holds the lock.
    private func settle(_ result: Slot) -> Slot {
        if case .failed = result { pool.dropOne() }
        return result
    }

    private func discardSlots() {
        for i in slots.indices {
            if case .ready(let output)? = slots[i] { recycle(output) }
            slots[i] = nil
        }
    }

    /// Does `task` in `reusing` (a pooled output, or `nil`), catching the error. `reusing` is
    /// passed `inout` so that its buffers stay uniquely referenced.
    private func prepare(_ task: Task, reusing item: inout Output?) -> Slot {
        do {
            try produce(task, &item)
            guard let ready = item.take() else {
                return .failed(
                    failure(task, BatchingError.invalidArgument("the work function returned nothing for this task")))
            }
            return .ready(ready)
        } catch {
            item = nil
            return .failed(failure(task, error))
        }
    }

    private func deliver(_ slot: Slot) throws -> Output {
        switch slot {
        case .ready(let output):
            return output
        case .failed(let error):
            halted = true
            generation += 1
            discardSlots()
            throw error
        }
    }

    /// One worker thread's life: take the next task in order, do it off the lock, store the
    /// result in its slot, until cancelled.
    private func workerLoop(_ worker: Int) {
        condition.lock()
        while !cancelled {
            guard !halted, endOffset.map({ nextTicket < $0 }) ?? true, nextTicket < consumed + capacity,
                pool.canSupply, let task = pullTask(at: nextTicket)
            else {
                waits.workerWaits(worker, blocked: !halted && nextTicket >= consumed + capacity)
                condition.wait()
                waits.workerWoke(worker)
                continue
            }
            let offset = nextTicket
            let ticketGeneration = generation
            nextTicket += 1
            var reusing = pool.take()
            condition.unlock()
            let began = _StageWaitLedger.now()
            let result = prepare(task, reusing: &reusing)
            let seconds = _StageWaitLedger.now() - began
            condition.lock()
            _ = settle(result)
            waits.workerPrepared(worker, seconds: seconds)
            if ticketGeneration == generation && !cancelled {
                slots[offset % capacity] = result
                // Only the consumer waits for a result (workers wait for the consumer's progress).
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
}

/// What a worker thread runs; passed through `pthread_create`'s context pointer.
final class _ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
