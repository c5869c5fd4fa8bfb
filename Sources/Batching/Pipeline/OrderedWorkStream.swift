/// Does tasks on worker threads and hands their results back in task order (BatchUp's
/// `work_pool.work_stream`): tasks in, results out, in order, on `workers` threads.
///
/// Workers take tasks from the sequence in order, at most `buffer + workers` ahead of the
/// consumer (back-pressure: the sequence is read lazily and may be endless). An error a task
/// throws reaches the consumer at that task's place, as a ``WorkStreamError`` carrying the task;
/// afterwards ``next()`` returns `nil`. ``PrefetchIterator`` runs on the same engine, with batch
/// addresses as tasks. Dropping the stream or ``close()`` stops and joins the threads.
///
/// ```swift
/// let squares = OrderedWorkStream(tasks: 0..<50, workers: 4) { i in i * i }
/// while let square = try squares.next() { print(square) }  // 0, 1, 4, 9, … in order
/// ```
public final class OrderedWorkStream<Task: Sendable, Output: Sendable>: @unchecked Sendable {
    /// Worker threads (0: every task is done on the consumer's thread, in ``next()``).
    public let workers: Int
    private let work: _OrderedWorkState<Task, Output>

    /// A stream doing `work` on every task of `tasks`.
    ///
    /// - Parameters:
    ///   - buffer: results kept ready ahead of the consumer (at least 1; BatchUp's
    ///     `task_buffer_size`).
    public init(
        tasks: some Sequence<Task>, workers: Int, buffer: Int = 20,
        work: @escaping @Sendable (Task) throws -> Output
    ) {
        self.workers = max(0, workers)
        var iterator = tasks.makeIterator()
        self.work = _OrderedWorkState(
            capacity: max(1, buffer) + self.workers, poolCapacity: 0, taskAt: { _ in iterator.next() },
            produce: { task, output in output = try work(task) },
            failure: { task, error in WorkStreamError(task: task, underlying: error) }, byteCount: { _ in 0 })
        self.work.startWorkers(self.workers)
    }

    deinit { close() }

    /// The result of the next task, in task order, or `nil` after the last (BatchUp's `retrieve`).
    ///
    /// - Throws: ``WorkStreamError`` once, for the first task that failed.
    public func next() throws -> Output? {
        work.lock.lock()
        defer { work.lock.unlock() }
        return try work.takeNext(workers == 0 ? .preparesAll : .waits(run: 1))
    }

    /// Where the workers and the consumer spent their time since the stream was made.
    public var stageWaits: StageWaits { work.stageWaits() }

    /// Stops the workers and waits until every worker thread has ended. Idempotent.
    public func close() { work.cancelAndJoin() }
}

/// A task of an ``OrderedWorkStream`` failed: the task, and what it threw.
public struct WorkStreamError<Task: Sendable>: Error, CustomStringConvertible {
    /// The task whose work threw.
    public let task: Task
    /// What it threw.
    public let underlying: any Error

    public var description: String { "the task \(task) failed: \(underlying)" }
}
