import Batching
import Foundation

/// Where the inspector's replay check (`R`) stands: running on a batch, or its verdict or error.
public enum ReplayStatus: Sendable, Hashable {
    /// Computing the slice at the address twice.
    case running(SliceAddress)
    /// Both computations ended; the verdict says whether their bytes were the same.
    case verdict(ReplayVerdict)
    /// A computation failed (a Python exception, a timeout, a dead worker), in words.
    case failed(SliceAddress, String)

    /// The slice the check is about.
    public var address: SliceAddress {
        switch self {
        case .running(let address), .failed(let address, _): address
        case .verdict(let verdict): verdict.address
        }
    }
}

/// Runs one replay check at a time on a thread of its own, so that the inspector keeps taking
/// keys while the user's function runs twice; a hang is bounded by the stage's own timeout
/// (`--python-timeout`), which ends the call with an error.
final class ReplayCheckJob: @unchecked Sendable {
    private let condition = NSCondition()
    private var current: ReplayStatus?
    private var unseen = false

    /// The check's status, `nil` before the first.
    var status: ReplayStatus? { condition.withLock { current } }

    /// Whether a check is running.
    var isRunning: Bool {
        if case .running? = status { return true }
        return false
    }

    /// Starts `check` on the slice at `address` unless one is running; returns whether it started.
    func start(_ address: SliceAddress, _ check: @escaping @Sendable () throws -> ReplayVerdict) -> Bool {
        let started = condition.withLock {
            if case .running? = current { return false }
            current = .running(address)
            return true
        }
        guard started else { return false }
        let thread = Thread { [self] in
            let outcome: ReplayStatus
            do {
                outcome = .verdict(try check())
            } catch {
                outcome = .failed(address, "\(error)")
            }
            condition.withLock {
                current = outcome
                unseen = true
                condition.broadcast()
            }
        }
        thread.name = "batchview replay check"
        thread.start()
        return true
    }

    /// Records `outcome` without running a check (the batch's preprocessing failed already),
    /// unless one is running; returns whether it did.
    func settle(_ outcome: ReplayStatus) -> Bool {
        condition.withLock {
            if case .running? = current { return false }
            current = outcome
            return true
        }
    }

    /// Whether a check ended since the last call (the screen needs drawing again).
    func takeEnded() -> Bool {
        condition.withLock {
            defer { unseen = false }
            return unseen
        }
    }

    /// Waits until no check is running.
    func wait() {
        condition.lock()
        while case .running? = current { condition.wait() }
        condition.unlock()
    }
}
