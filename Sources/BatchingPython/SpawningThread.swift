import Foundation

/// The one thread that starts every Python worker process, and lives as long as batchview.
///
/// A worker asks to be killed when batchview dies (`PR_SET_PDEATHSIG`), so that a hung call
/// never outlives it. Linux ties that request to the *thread* that started the process, not
/// to the process: a worker started on a short-lived thread (a key's, in the inspector, or a
/// pipeline worker) was killed as soon as that thread ended, and every later call paid a new
/// interpreter and its imports. Starting them all here ties them to a thread that ends with
/// the process.
///
/// ```swift
/// let status = SpawningThread.shared.run { posix_spawnp(&child, path, &actions, nil, argv, envp) }
/// ```
final class SpawningThread: @unchecked Sendable {
    /// The thread, started on first use.
    static let shared = SpawningThread()

    // Unchecked: `pending` is only touched with `condition` locked.
    private let condition = NSCondition()
    private var pending: [() -> Void] = []

    private init() {
        let thread = Thread { [self] in serve() }
        thread.name = "batchview.python-spawner"
        thread.start()
    }

    /// Runs `body` on the spawning thread and returns its result once it is done.
    func run<Result>(_ body: @escaping () -> Result) -> Result {
        var result: Result?
        let done = DispatchSemaphore(value: 0)
        condition.withLock {
            pending.append {
                result = body()
                done.signal()
            }
            condition.signal()
        }
        done.wait()
        return result! // set before `done` was signalled
    }

    private func serve() {
        while true {
            let next = condition.withLock {
                while pending.isEmpty { condition.wait() }
                return pending.removeFirst()
            }
            next()
        }
    }
}
