import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A monotonic clock the statistics read, injectable so that their arithmetic can be tested on
/// a clock the test moves by hand.
public protocol PipelineClock: Sendable {
    /// Seconds since an arbitrary fixed point; never decreases.
    func now() -> Double
}

/// The system's monotonic clock.
public struct SystemPipelineClock: PipelineClock {
    public init() {}

    /// Seconds of `CLOCK_MONOTONIC`.
    public func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }
}

/// A clock that moves only when told to, for tests.
///
/// ```swift
/// let clock = ManualPipelineClock()
/// clock.advance(by: 0.5)
/// clock.now()   // 0.5
/// ```
public final class ManualPipelineClock: PipelineClock {
    private let time: Mutex<Double>

    public init(start: Double = 0) { time = Mutex(start) }

    /// The time the test has moved the clock to.
    public func now() -> Double { time.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: Double) { time.withLock { $0 += seconds } }
}
