import Dispatch
import Foundation
import Synchronization

/// Runs independent pieces of CPU work (inflating chunks, reading and converting parts of a
/// large batch) on up to `width` threads at once and waits for all of them.
///
/// Built on `DispatchQueue.concurrentPerform`, which uses a fixed pool of threads no larger than
/// the machine's core count and lets the calling thread take part, so no queue grows without
/// bound. The first error thrown by any piece is rethrown once all pieces have stopped; pieces not
/// yet started when an error occurs are skipped.
///
/// ```swift
/// try ParallelWork(width: 4).run(count: chunks.count) { i in try decode(chunks[i]) }
/// ```
public struct ParallelWork: Sendable {
    /// The most threads used at once.
    public let width: Int

    /// Work spread over at most `width` threads; `nil` uses every core.
    public init(width: Int? = nil) {
        let cores = Self.cores
        self.width = max(1, min(width ?? cores, cores))
    }

    /// The machine's cores, asked once (asking costs a system call).
    private static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body(i)` for every `i` in `0..<count`, in parallel, and returns when all are done.
    ///
    /// - Throws: the first error a call threw.
    public func run(count: Int, _ body: @Sendable (Int) throws -> Void) throws {
        if count == 0 { return }
        if count == 1 || width == 1 {
            for i in 0..<count { try body(i) }
            return
        }
        let failure = Mutex<(any Error)?>(nil)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(width, count)) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= count || failure.withLock({ $0 != nil }) { return }
                do { try body(i) } catch { failure.withLock { if $0 == nil { $0 = error } } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
