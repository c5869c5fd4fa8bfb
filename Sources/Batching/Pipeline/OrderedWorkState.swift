#if canImport(Glibc)
    import Glibc
#endif

/// The engine of an ordered work stream, shared by ``OrderedWorkStream`` and
/// ``PrefetchIterator``: worker threads take tasks in order, do them off the lock, and the
/// consumer takes the results in task order, guarded by one lock (``_PipelineLock``: the consumer
/// and the workers sleep apart, so each is woken only for what it waits for).
///
/// A worker may take task `k` only while it lies less than `capacity` ahead of the consumer (the
/// back-pressure); results land in a ring of `capacity` slots. Workers blocked on a full ring are
/// woken once half of it is free again, not at every result taken, so that a quick consumer
/// costs them one sleep per half ring rather than one per result. Outputs the consumer is done
/// with go back to a pool for a later task to reuse, to the thread that prepared them. A
/// *helping* consumer whose next result is not ready does the next task nobody has taken itself
/// rather than sleep (see ``_ConsumerRole``). `taskAt` is called once per offset, in increasing
/// order, under the lock, so it may read a plain iterator.
final class _OrderedWorkState<Task: Sendable, Output: Sendable>: @unchecked Sendable {
    enum Slot {
        case ready(Output)
        case failed(any Error)
    }

    let lock = _PipelineLock()
    let capacity: Int
    let byteCount: @Sendable (Output) -> Int
    private let produce: @Sendable (Task, inout Output?) throws -> Void
    private let failure: @Sendable (Task, any Error) -> any Error

    // Guarded by `lock`.
    private var taskAt: (Int) -> Task?
    private var endOffset: Int?
    private var generation = 0
    private var nextTicket = 0
    private(set) var consumed = 0
    private var slots: [Slot?]
    /// The thread that prepared each slot's result: the home its output goes back to.
    private var slotHomes: [Int]
    /// The home of the outputs the consumer prepares: the one after the workers'.
    private var consumerHome = 0
    /// The home of the result ``takeNext(_:)`` returned last.
    private(set) var lastTakenHome = 0
    private var pool: _OutputPool<Output>
    private var halted = false
    private var cancelled = false
    private var liveWorkers = 0
    /// Workers asleep because the ring is full (they wait for the consumer's progress).
    private var workersBlockedOnRing = 0
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
        slotHomes = Array(repeating: 0, count: capacity)
    }

    /// Puts a finished output back for reuse by the worker that prepared it (`home`, from
    /// ``lastTakenHome``); the caller holds the lock.
    func recycle(_ output: Output, home: Int) {
        if pool.recycle(output, home: home) { lock.wakeWorkers() } // a worker waits for an output
    }

    /// The next result in task order, prepared as `role` says; `nil` after the last task, after
    /// a failure or once cancelled. The caller holds the lock.
    ///
    /// - Throws: the failure of the task, once; afterwards `nil` until ``restart(taskAt:)``.
    func takeNext(_ role: _ConsumerRole) throws -> Output? {
        while true {
            if halted || cancelled { return nil }
            if let endOffset, consumed >= endOffset { return nil }
            if case .preparesAll = role {
                guard let task = pullTask(at: consumed) else { return nil }
                var reusing = pool.take(home: 0)
                consumed += 1
                let (result, seconds) = timedPrepare(task, reusing: &reusing, releasingLock: false)
                waits.consumerPrepared(seconds: seconds)
                waits.consumerTook(depth: 0)
                lastTakenHome = 0
                return try deliver(settle(result))
            }
            let index = consumed % capacity
            if let slot = slots[index] {
                waits.consumerTook(depth: readyCount)
                slots[index] = nil
                lastTakenHome = slotHomes[index]
                consumed += 1
                if workersBlockedOnRing > 0 && freePlaces >= ringWakeRoom { lock.wakeWorkers() }
                return try deliver(slot)
            }
            // A helping consumer takes a task only while no worker sleeps for want of one:
            // otherwise it would keep the ring full and do the workers' share itself.
            if case .helps = role, workersBlockedOnRing == 0 {
                if let claim = claimTask() {
                    var reusing = pool.take(home: consumerHome)
                    let (result, seconds) = timedPrepare(claim.task, reusing: &reusing, releasingLock: true)
                    waits.consumerPrepared(seconds: seconds)
                    store(result, of: claim, home: consumerHome)
                    continue
                }
                // Asking for a task may have found the end: look again before sleeping.
                if let endOffset, consumed >= endOffset { return nil }
            }
            consumerWakeOffset = wakeOffset(forRunOf: role.wakeRun)
            // Never sleep with room in the ring and workers asleep for want of it.
            if workersBlockedOnRing > 0 && freePlaces > 0 { lock.wakeWorkers() }
            waits.consumerWaits()
            lock.waitAsConsumer()
            waits.consumerWoke()
            consumerWakeOffset = nil
        }
    }

    /// A task taken from the sequence: its offset, and the generation it belongs to (a restart
    /// in between makes its result stale).
    private struct Claim {
        var offset: Int
        var task: Task
        var generation: Int
    }

    /// The next task, when one may be taken now: not halted, not past the end, a free place in
    /// the ring and an output to prepare it in. The caller holds the lock.
    private func claimTask() -> Claim? {
        guard !halted, endOffset.map({ nextTicket < $0 }) ?? true, freePlaces > 0, pool.canSupply,
            let task = pullTask(at: nextTicket)
        else { return nil }
        defer { nextTicket += 1 }
        return Claim(offset: nextTicket, task: task, generation: generation)
    }

    /// Stores the result of a claimed task in its slot (or recycles it when a restart made it
    /// stale) and wakes whoever it lets go on. The caller holds the lock.
    private func store(_ result: Slot, of claim: Claim, home: Int) {
        _ = settle(result)
        if claim.generation == generation && !cancelled {
            slots[claim.offset % capacity] = result
            slotHomes[claim.offset % capacity] = home
            if consumerShouldWake(storing: result) { lock.wakeConsumer() }
        } else {
            if case .ready(let output) = result { recycle(output, home: home) }
            lock.wakeEveryone()
        }
    }

    /// Places in the ring no task holds: tasks a worker may still take before it blocks. The
    /// caller holds the lock.
    private var freePlaces: Int { consumed + capacity - nextTicket }

    /// The free places at which workers blocked on a full ring are woken: half the ring (at
    /// least one place), so each wakes to a run of tasks rather than to one.
    private var ringWakeRoom: Int { max(1, capacity / 2) }

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
        lock.wakeEveryone()
    }

    /// Bytes of the outputs held in slots and in the pool.
    func heldBytes() -> Int {
        lock.lock()
        defer { lock.unlock() }
        var total = pool.bytes(byteCount)
        for case .ready(let output)? in slots { total += byteCount(output) }
        return total
    }

    /// Where the threads spent their time since the engine was made.
    func stageWaits() -> StageWaits {
        lock.lock()
        defer { lock.unlock() }
        return waits.snapshot(queueDepthNow: readyCount, queueCapacity: capacity)
    }

    /// Results stored and not yet taken; the caller holds the lock.
    private var readyCount: Int { slots.reduce(0) { $1 == nil ? $0 : $0 + 1 } }

    /// Starts `count` worker threads (pthreads, so they are ours to join).
    func startWorkers(_ count: Int) {
        guard count > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        liveWorkers = count
        pool = _OutputPool(capacity: pool.capacity, limit: pool.limit, homes: count + 1)
        consumerHome = count
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
        lock.lock()
        cancelled = true
        lock.wakeEveryone()
        while liveWorkers > 0 { lock.waitAsConsumer() }
        discardSlots()
        pool.removeAll()
        let running = threads
        threads = []
        lock.unlock()
        for thread in running { pthread_join(thread, nil) }
    }

    /// The task at `offset`, remembering where the tasks end; the caller holds the lock.
    private func pullTask(at offset: Int) -> Task? {
        guard let task = taskAt(offset) else {
            endOffset = offset
            lock.wakeEveryone()
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
            if case .ready(let output)? = slots[i] { recycle(output, home: slotHomes[i]) }
            slots[i] = nil
        }
    }

    /// Does `task` as ``prepare(_:reusing:)`` does and times it, letting the lock go meanwhile
    /// when `releasingLock` (the caller holds it, and holds it again on return).
    private func timedPrepare(_ task: Task, reusing item: inout Output?, releasingLock: Bool) -> (Slot, Double) {
        if releasingLock { lock.unlock() }
        let began = _StageWaitLedger.now()
        let result = prepare(task, reusing: &item)
        let seconds = _StageWaitLedger.now() - began
        if releasingLock { lock.lock() }
        return (result, seconds)
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
        lock.lock()
        while !cancelled {
            guard let claim = claimTask() else {
                let blocked = !halted && freePlaces <= 0
                if blocked { workersBlockedOnRing += 1 }
                waits.workerWaits(worker, blocked: blocked)
                lock.waitAsWorker()
                waits.workerWoke(worker)
                if blocked { workersBlockedOnRing -= 1 }
                continue
            }
            var reusing = pool.take(home: worker)
            let (result, seconds) = timedPrepare(claim.task, reusing: &reusing, releasingLock: true)
            waits.workerPrepared(worker, seconds: seconds)
            store(result, of: claim, home: worker)
        }
        liveWorkers -= 1
        lock.wakeEveryone()
        lock.unlock()
    }
}
