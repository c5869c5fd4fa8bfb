import Foundation

/// The transform steps (`t`) already worked out for one loaded batch, by selected row.
///
/// The `t` view replays the preprocessing chain — a `python:` stage calls the user's code — and
/// it is drawn again at every redraw: a key's, on the key's thread, but also the idle loop's, on
/// the main thread, which must never wait on the user's code (a hung function would freeze the
/// inspector). So the chain is replayed once per batch and row, on the key's thread that first
/// draws it, and redraws use that result, failure included (but for a cancelled replay). The last ``capacity`` rows are kept
/// (each holds every stage's image).
final class TransformStepsMemo: @unchecked Sendable {
    /// Rows kept at most.
    static let capacity = 8

    // Unchecked: `byRow` and `order` are only touched with `lock` held.
    private let lock = NSLock()
    private var byRow: [Int: Result<TransformSteps, TransformStepsError>] = [:]
    private var order: [Int] = []

    /// The steps of `row`, replayed by `replay` the first time it is asked for.
    func steps(
        row: Int, _ replay: () -> Result<TransformSteps, TransformStepsError>
    ) -> Result<TransformSteps, TransformStepsError> {
        if let known = lock.withLock({ byRow[row] }) { return known }
        let steps = replay()
        // A replay stopped by Esc is not an answer: the next draw replays again.
        if case .failure(.replayFailed(_, cancelled: true)) = steps { return steps }
        lock.withLock {
            if byRow[row] == nil { order.append(row) }
            byRow[row] = steps
            while order.count > Self.capacity { byRow[order.removeFirst()] = nil }
        }
        return steps
    }

    /// The rows whose steps are kept (tests).
    var keptRows: [Int] { lock.withLock { order } }
}
