/// The outputs of an ordered work stream that are free for the next task to be prepared in, and
/// the count of those in use, so that the stream never holds more outputs than it may.
///
/// An output is *in use* from the moment a task is given it (reused from here, or `nil` for a
/// fresh one) until it comes back through ``recycle(_:)`` or its task fails. With a
/// ``limit``, a task may start only while an output is free or fewer than `limit` exist
/// (``canSupply``): without it, a worker that finishes batch `k + 1` an instant before the
/// consumer hands back batch `k - 1` makes a third output it never needed, and with whole-file
/// batches of 200 MB that is resident memory growing late in a run (the kaggle300 soak grew 45 %
/// in epoch 9 that way). Not thread-safe: its owner's lock guards it.
struct _OutputPool<Output> {
    /// Free outputs kept at most (more are dropped on return).
    let capacity: Int
    /// Outputs in use plus free ones at most, or `nil` for no bound (the consumer may keep
    /// outputs it never returns, as ``OrderedWorkStream``'s does).
    let limit: Int?
    private var free: [Output] = []
    /// Outputs handed to tasks and not yet returned.
    private(set) var inUse = 0
    /// Tasks prepared in a reused output, and in a fresh one.
    private(set) var reusedCount = 0
    private(set) var freshCount = 0

    init(capacity: Int, limit: Int?) {
        self.capacity = capacity
        self.limit = limit
        free.reserveCapacity(capacity)
    }

    /// Whether a task may start now: an output is free, or another may be made.
    var canSupply: Bool {
        guard let limit else { return true }
        return !free.isEmpty || inUse + free.count < limit
    }

    /// An output for the next task: the last one returned, or `nil` (the task makes a fresh one).
    /// Only when ``canSupply``.
    mutating func take() -> Output? {
        inUse += 1
        if let reused = free.popLast() {
            reusedCount += 1
            return reused
        }
        freshCount += 1
        return nil
    }

    /// Takes back an output its consumer is done with. Returns whether a task waiting for an
    /// output may start now (the caller then wakes the workers).
    @discardableResult
    mutating func recycle(_ output: Output) -> Bool {
        let couldSupply = canSupply
        inUse = max(0, inUse - 1)
        if free.count < capacity { free.append(output) }
        return !couldSupply && canSupply
    }

    /// A task failed: its output is gone.
    mutating func dropOne() { inUse = max(0, inUse - 1) }

    /// Bytes of the free outputs.
    func bytes(_ byteCount: (Output) -> Int) -> Int { free.reduce(0) { $0 + byteCount($1) } }

    /// Forgets the free outputs (the stream is closing).
    mutating func removeAll() { free.removeAll() }
}
