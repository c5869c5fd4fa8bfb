import Batching

/// `g s120`: going to the batch a training loop recorded at a step, in a folder written by
/// `batchview.Recorder` (`batchview DIR --file-batches`).
extension InspectorSession {
    /// Moves to the batch of this epoch that is the file recorded at training step `step`.
    public func go(toStep step: Int) {
        guard let files = dataset.fileBatches, files.hasRecordedSteps else {
            setStatus(
                "no recorded steps here: s\(step) goes to a step in a folder written by batchview.Recorder",
                isError: true)
            return
        }
        guard let file = files.file(recordedAtStep: step) else {
            let steps = files.recorded.compactMap { $0?.step }
            let range = steps.min().map { "\($0)…\(steps.max()!)" } ?? "none"
            setStatus("no file was recorded at step \(step) (recorded steps: \(range))", isError: true)
            return
        }
        let epoch = state.address.epoch
        let batch = (0..<files.fileCount).first { batch in
            (try? stream.file(epoch: epoch, batch: batch)) == file
        }
        guard let batch else {
            setStatus("step \(step) is \(files.fileNames[file]), which epoch \(epoch) does not hold", isError: true)
            return
        }
        go(to: BatchAddress(epoch: epoch, batch: batch))
        setStatus("step \(step) is \(files.fileNames[file]), batch \(batch) of epoch \(epoch)")
    }
}
