import Batching

/// The replay check (`R`): the batch on screen preprocessed twice — each `python:` stage on two
/// different worker processes, each built-in stage twice in this process — and compared byte for
/// byte; the verdict shows in the preprocessor pane.
extension InspectorSession {
    /// Starts the check on the slice on screen, in the background.
    func startReplayCheck() {
        guard let preprocessing = dataset.preprocessing else {
            setStatus("no preprocessor: the raw batch at an address is the same by construction")
            return
        }
        guard let batch = current else {
            setStatus("no batch loaded to check", isError: true)
            return
        }
        if let failure = batch.preprocessingFailure { // it fails on this batch: said at once, not called again
            let settled = replayCheck.settle(.failed(SliceAddress(batch.address, slice: batch.slice), failure.message))
            setStatus(
                settled ? "replay check failed: \(failure.message)" : "a replay check is still running",
                isError: settled)
            return
        }
        let raw = Batch(
            address: batch.address, indices: batch.indices,
            columns: [batch.images] + (batch.labelTensor.map { [$0] } ?? []))
        let index = batch.slice
        let address = SliceAddress(batch.address, slice: index)
        let started = replayCheck.start(address) {
            if let preprocessor = preprocessing.preprocessor {
                return try preprocessor.replayVerdict(index, of: try BatchSlice(batch: raw, seed: preprocessing.seed))
            }
            // Closures with no library preprocessor behind them: their images compared.
            let rows = ReplayVerdict.differingRows(
                try preprocessing.slice(raw, index).images, try preprocessing.slice(raw, index).images)
            return ReplayVerdict(
                address: address, samples: raw.count, differingSamples: rows.count, firstDifferingRow: rows.first,
                stage: rows.isEmpty ? nil : preprocessing.name)
        }
        setStatus(
            started
                ? "checking replay of \(address): the slice computed twice"
                : "a replay check is still running; its verdict shows in the preprocessor pane")
    }

    /// Whether the replay check ended since the last call; its outcome goes to the status line
    /// in full (``pollBackgroundWork()``).
    func pollReplayCheck() -> Bool {
        guard replayCheck.takeEnded(), let status = replayCheck.status else { return false }
        switch status {
        case .running: break
        case .verdict(let verdict): setStatus("\(verdict)", isError: !verdict.isReplayable)
        case .failed(_, let message): setStatus("replay check failed: \(message)", isError: true)
        }
        return true
    }

    /// The replay check's status, `nil` before the first `R`.
    public var replayStatus: ReplayStatus? { replayCheck.status }
}
