#if canImport(Glibc)
    import Glibc
#endif

/// The one lock of an ordered work stream, with two separate places to sleep: one for the
/// consumer (waiting for results) and one for the workers (waiting for room, a task or an
/// output).
///
/// With a single condition every wake-up is a broadcast to all sleepers: a result that the
/// consumer was waiting for also woke the workers blocked on a full buffer, who found it still
/// full and slept again — two thread switches for nothing, per batch. Here each side is woken
/// only when something it waits for has changed.
final class _PipelineLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let consumerCondition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let workerCondition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        // Adaptive: a thread finding the lock taken spins a little before it sleeps. The lock is
        // held for a few bookkeeping steps at a time, so a short spin nearly always gets it,
        // where sleeping costs a system call and a wake-up (an interrupt between cores).
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_ADAPTIVE_NP))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
        pthread_cond_init(consumerCondition, nil)
        pthread_cond_init(workerCondition, nil)
    }

    deinit {
        pthread_cond_destroy(workerCondition)
        pthread_cond_destroy(consumerCondition)
        pthread_mutex_destroy(mutex)
        workerCondition.deallocate()
        consumerCondition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }

    /// Sleeps until ``wakeConsumer()`` or ``wakeEveryone()`` (or spuriously); the caller holds
    /// the lock and re-checks what it waits for.
    func waitAsConsumer() { pthread_cond_wait(consumerCondition, mutex) }

    /// Sleeps until ``wakeWorkers()`` or ``wakeEveryone()`` (or spuriously); the caller holds
    /// the lock and re-checks what it waits for.
    func waitAsWorker() { pthread_cond_wait(workerCondition, mutex) }

    /// Wakes the consumer (and whoever else waits as one, such as a thread closing the stream).
    func wakeConsumer() { pthread_cond_broadcast(consumerCondition) }

    /// Wakes every sleeping worker.
    func wakeWorkers() { pthread_cond_broadcast(workerCondition) }

    /// Wakes every sleeper: the state changed for all (a restart, the end, cancellation).
    func wakeEveryone() {
        wakeConsumer()
        wakeWorkers()
    }
}
