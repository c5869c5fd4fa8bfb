import Synchronization

/// What an ``ExternalStage``'s calls are doing, seen from another thread: which stage runs on
/// which batch since when, and a request to cancel it.
///
/// The thread that runs the calls binds a watch with ``watching(_:)``; each call of an external
/// stage on that thread reports itself (``begin(_:)``, ``end()``) and stops soon after
/// ``cancel()`` (a `python:` stage's worker is killed within ~50 ms), throwing its own error.
/// Any other thread only reads ``running`` and asks for cancellation: it never waits on the
/// call. This is how the inspector keeps drawing and reading keys while a key's batch is
/// preprocessed by a function that may hang.
///
/// ```swift
/// let watch = ExternalCallWatch()
/// Thread { try? watch.watching { try preprocessor.slice(0, of: input) } }.start()
/// if let call = watch.running { print("\(call.stage) on \(call.address)") }
/// watch.cancel() // the call throws, its worker stopped
/// ```
public final class ExternalCallWatch: Sendable {
    /// The watch of the calls made on this task or thread, if any.
    @TaskLocal public static var current: ExternalCallWatch?

    /// One call in progress.
    public struct Call: Sendable, Equatable {
        /// The stage as written in `--preprocess`, e.g. `python:aug.py:jitter`.
        public var stage: String
        /// The slice the call computes.
        public var address: SliceAddress
        /// When the call began.
        public var started: ContinuousClock.Instant
        /// The longest the call may take before the stage stops it itself.
        public var timeout: Duration

        public init(stage: String, address: SliceAddress, started: ContinuousClock.Instant, timeout: Duration) {
            self.stage = stage
            self.address = address
            self.started = started
            self.timeout = timeout
        }
    }

    private struct State {
        var running: Call?
        var cancelRequested = false
        var cancelledCalls = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Runs `body` with this watch as ``current``, after clearing an earlier cancellation.
    public func watching<R>(_ body: () throws -> R) rethrows -> R {
        state.withLock { $0.cancelRequested = false }
        return try ExternalCallWatch.$current.withValue(self, operation: body)
    }

    /// The call in progress, if any.
    public var running: Call? { state.withLock { $0.running } }

    /// Asks the call in progress, and every call after it until the next ``watching(_:)``, to stop.
    public func cancel() { state.withLock { $0.cancelRequested = true } }

    /// Whether ``cancel()`` was asked since ``watching(_:)`` began.
    public var isCancelled: Bool { state.withLock { $0.cancelRequested } }

    /// How many calls stopped because they were cancelled (each reported by its stage).
    public var cancelledCalls: Int { state.withLock { $0.cancelledCalls } }

    /// Reports that `call` began (by the stage, on the watched thread).
    public func begin(_ call: Call) { state.withLock { $0.running = call } }

    /// Reports that the call in progress ended.
    public func end() { state.withLock { $0.running = nil } }

    /// Counts a call that stopped because it was cancelled (by the stage, once per call).
    public func recordCancelled() { state.withLock { $0.cancelledCalls += 1 } }
}
