import Batching
import Foundation
import Synchronization

/// What the inspector reads from the world: a clock and the process's memory. Tests give
/// fixed ones so that frames are the same on every run.
///
/// ```swift
/// let live = InspectorEnvironment.live()
/// let fixed = InspectorEnvironment.fixed(memory: MemoryReading(residentBytes: 50 << 20, peakResidentBytes: 60 << 20, heapInUseBytes: nil))
/// ```
public struct InspectorEnvironment: Sendable {
    /// Monotonic nanoseconds.
    public var now: @Sendable () -> UInt64
    /// The process's memory now.
    public var memory: @Sendable () -> MemoryReading
    /// Whether the next batch is read in the background while one is on screen (off in tests,
    /// whose frames must not depend on thread timing).
    public var prefetches: Bool
    /// The least image bytes of a batch that a key, landing on it before its whole read is
    /// done, draws page first (``PageFirstRead``): the rows on screen read alone, the whole
    /// batch in the background (only when ``prefetches``). 8 MB: a smaller batch is read whole
    /// in a few milliseconds.
    public var pageFirstBytes = 8_000_000

    public init(
        now: @escaping @Sendable () -> UInt64, memory: @escaping @Sendable () -> MemoryReading, prefetches: Bool = false
    ) {
        self.now = now
        self.memory = memory
        self.prefetches = prefetches
    }

    /// The real clock and the library's ``ProcessMemoryProbe`` (`/proc/self/status` and glibc's
    /// heap count).
    public static func live() -> InspectorEnvironment {
        let probe = ProcessMemoryProbe()
        return InspectorEnvironment(
            now: { DispatchTime.now().uptimeNanoseconds }, memory: { probe.reading() }, prefetches: true)
    }

    /// A clock that advances `step` nanoseconds at every reading and a constant memory reading.
    public static func fixed(
        step: UInt64 = 1_000_000,
        memory: MemoryReading = MemoryReading(residentBytes: 0, peakResidentBytes: 0, heapInUseBytes: nil)
    ) -> InspectorEnvironment {
        let ticks = FixedClock(step: step)
        return InspectorEnvironment(now: { ticks.next() }, memory: { memory })
    }
}

/// A clock for tests: every reading is `step` later than the one before.
final class FixedClock: Sendable {
    private let state: Mutex<UInt64>
    private let step: UInt64

    init(step: UInt64) {
        self.step = step
        state = Mutex(0)
    }

    func next() -> UInt64 {
        state.withLock { value in
            value += step
            return value
        }
    }
}
