/// The outputs of an ordered work stream that are free for the next task to be prepared in, and
/// the count of those in use, so that the stream never holds more outputs than it may.
///
/// Every output has a *home*: the thread that prepared it (a worker's index; the consumer's home
/// is the one after the workers', and with no workers there is the consumer's alone, 0).
/// A worker is given back an output of its own home first, so each output keeps being written
/// by one core and stays in that core's cache: handing a 400 KB output written by one core to
/// the other makes the second fetch every line of it from the first core's cache before
/// overwriting it, and with two workers that made each batch 1.6× slower than with one. Only
/// when its home has none free does a worker take another home's (better than a fresh one).
///
/// An output is *in use* from the moment a task is given it (reused from here, or `nil` for a
/// fresh one) until it comes back through ``recycle(_:home:)`` or its task fails. With a
/// ``limit``, a task may start only while an output is free or fewer than `limit` exist
/// (``canSupply``): without it, a worker that finishes batch `k + 1` an instant before the
/// consumer hands back batch `k - 1` makes a third output it never needed, and with whole-file
/// batches of 200 MB that is resident memory growing late in a run (the kaggle300 soak grew 45 %
/// in epoch 9 that way). Not thread-safe: its owner's lock guards it.
struct _OutputPool<Output> {
    /// Free outputs kept at most, over all homes (more are dropped on return).
    let capacity: Int
    /// Outputs in use plus free ones at most, or `nil` for no bound (the consumer may keep
    /// outputs it never returns, as ``OrderedWorkStream``'s does).
    let limit: Int?
    /// The free outputs of each home.
    private var free: [[Output]]
    private var freeCount = 0
    /// Outputs handed to tasks and not yet returned.
    private(set) var inUse = 0
    /// Tasks prepared in a reused output, and in a fresh one.
    private(set) var reusedCount = 0
    private(set) var freshCount = 0

    /// - Parameter homes: the threads outputs are prepared on (at least 1).
    init(capacity: Int, limit: Int?, homes: Int = 1) {
        self.capacity = capacity
        self.limit = limit
        free = Array(repeating: [], count: max(1, homes))
    }

    /// Whether a task may start now: an output is free, or another may be made.
    var canSupply: Bool {
        guard let limit else { return true }
        return freeCount > 0 || inUse + freeCount < limit
    }

    /// An output for the next task on `home`: the last one returned to that home, else a free
    /// one of another home when no fresh one may be made, else `nil` (the task makes a fresh
    /// one). Only when ``canSupply``.
    mutating func take(home: Int = 0) -> Output? {
        inUse += 1
        if let reused = free[list(of: home)].popLast() ?? (mayMakeFresh ? nil : popAnyHome()) {
            freeCount -= 1
            reusedCount += 1
            return reused
        }
        freshCount += 1
        return nil
    }

    /// Whether one more output may be made (the one being taken counted in use): up to
    /// ``limit``, or without one as many as the pool keeps, so that free outputs of other homes
    /// are taken before the stream holds more outputs than it ever needs at once.
    private var mayMakeFresh: Bool { inUse + freeCount <= (limit ?? capacity) }

    /// The free list of `home` (the first for a home the pool was not made with).
    private func list(of home: Int) -> Int { free.indices.contains(home) ? home : 0 }

    private mutating func popAnyHome() -> Output? {
        for home in free.indices where !free[home].isEmpty { return free[home].popLast() }
        return nil
    }

    /// Takes back an output its consumer is done with, to `home`'s free list. Returns whether a
    /// task waiting for an output may start now (the caller then wakes the workers).
    @discardableResult
    mutating func recycle(_ output: Output, home: Int = 0) -> Bool {
        let couldSupply = canSupply
        inUse = max(0, inUse - 1)
        if freeCount < capacity {
            free[list(of: home)].append(output)
            freeCount += 1
        }
        return !couldSupply && canSupply
    }

    /// A task failed: its output is gone.
    mutating func dropOne() { inUse = max(0, inUse - 1) }

    /// Bytes of the free outputs.
    func bytes(_ byteCount: (Output) -> Int) -> Int {
        free.reduce(0) { total, outputs in outputs.reduce(total) { $0 + byteCount($1) } }
    }

    /// Forgets the free outputs (the stream is closing).
    mutating func removeAll() {
        for home in free.indices { free[home].removeAll() }
        freeCount = 0
    }
}
