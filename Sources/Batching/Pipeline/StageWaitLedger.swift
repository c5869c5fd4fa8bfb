/// The running totals behind ``StageWaits``, kept by ``_OrderedWorkState`` under its own lock:
/// the engine already holds that lock where a thread starts or ends a wait or a batch, so
/// recording costs two clock readings per batch and per wait, and no lock of its own.
struct _StageWaitLedger {
    private let start = Self.now()
    private var workers: [StageWaits.Thread] = []
    private var consumer = StageWaits.Thread()
    private var queueDepthSum = 0
    /// The waits going on now: when each began, and whether the worker is blocked on output.
    private var workerWait: [(since: Double, blocked: Bool)?] = []
    private var consumerWaitSince: Double?

    /// Seconds of the monotonic clock.
    static func now() -> Double { SystemPipelineClock().now() }

    /// Starts the totals of `count` worker threads.
    mutating func begin(workers count: Int) {
        workers = Array(repeating: StageWaits.Thread(), count: count)
        workerWait = Array(repeating: nil, count: count)
    }

    /// Worker `worker` starts waiting: blocked on a full buffer, or for a task.
    mutating func workerWaits(_ worker: Int, blocked: Bool) {
        guard workers.indices.contains(worker) else { return }
        workerWait[worker] = (Self.now(), blocked)
    }

    /// Worker `worker` woke from its wait.
    mutating func workerWoke(_ worker: Int) {
        guard workers.indices.contains(worker), let wait = workerWait[worker] else { return }
        Self.add(Self.now() - wait.since, to: &workers[worker], blocked: wait.blocked)
        workerWait[worker] = nil
    }

    private static func add(_ seconds: Double, to thread: inout StageWaits.Thread, blocked: Bool) {
        if blocked { thread.blockedOnOutput += seconds } else { thread.waitingForInput += seconds }
    }

    /// Worker `worker` prepared one batch in `seconds`.
    mutating func workerPrepared(_ worker: Int, seconds: Double) {
        guard workers.indices.contains(worker) else { return }
        workers[worker].busy += seconds
        workers[worker].batches += 1
    }

    /// The consumer starts waiting for a prepared batch.
    mutating func consumerWaits() { consumerWaitSince = Self.now() }

    /// The consumer woke from its wait.
    mutating func consumerWoke() {
        guard let since = consumerWaitSince else { return }
        consumer.waitingForInput += Self.now() - since
        consumerWaitSince = nil
    }

    /// The consumer prepared a batch itself (no worker threads) in `seconds`.
    mutating func consumerPrepared(seconds: Double) {
        consumer.busy += seconds
    }

    /// The consumer took a batch, finding `depth` prepared batches ready (the one it took among them).
    mutating func consumerTook(depth: Int) {
        consumer.batches += 1
        queueDepthSum += depth
    }

    /// The totals now, counting the waits going on up to now.
    func snapshot(queueDepthNow: Int, queueCapacity: Int) -> StageWaits {
        let now = Self.now()
        var workers = workers
        for (worker, wait) in workerWait.enumerated() {
            if let wait { Self.add(now - wait.since, to: &workers[worker], blocked: wait.blocked) }
        }
        var consumer = consumer
        if let consumerWaitSince { consumer.waitingForInput += now - consumerWaitSince }
        return StageWaits(
            elapsed: now - start, workers: workers, consumer: consumer, queueDepthSum: queueDepthSum,
            queueDepthNow: queueDepthNow, queueCapacity: queueCapacity)
    }
}
