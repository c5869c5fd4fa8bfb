/// What the consumer of an ordered work stream (``_OrderedWorkState``) does when it wants the
/// next result.
enum _ConsumerRole: Sendable {
    /// Does every task itself, in order (no workers).
    case preparesAll
    /// Waits for the workers: when the next result is not ready, sleeps until it and the
    /// `run - 1` after it are (or the tasks end, or one fails), so that a consumer of quick
    /// results wakes once per round of the workers rather than once per result.
    case waits(run: Int)
    /// When the next result is not ready, does the next task no worker has taken (its own
    /// next one, or one ahead while a worker finishes its own) and looks again; sleeps only
    /// when every place in the ring is taken. Never idle while there is work, and with
    /// `workers + 1` threads busy it needs no thread switch to hand a result over.
    case helps

    /// The results that must be ready before a sleeping consumer is woken: the run it waits for,
    /// or only its own next one.
    var wakeRun: Int {
        if case .waits(let run) = self { return run }
        return 1
    }
}
