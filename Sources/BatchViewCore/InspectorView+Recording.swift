import Batching

extension InspectorView {
    /// What a training loop recorded with the file batch on screen (`batchview.Recorder`), if
    /// the inspector steps through such a folder.
    var currentRecording: RecordedBatch? {
        guard let files = dataset.fileBatches,
            let file = try? stream.file(epoch: state.address.epoch, batch: state.address.batch)
        else { return nil }
        return files.recording(ofFile: file)
    }

    /// `step 120 · epoch 2 · original index 4711` for row `row` of the batch on screen, or why
    /// the original index is unknown; `nil` when nothing was recorded.
    func recordingText(row: Int) -> String? {
        guard let recording = currentRecording else { return nil }
        var parts = recording.summary.isEmpty ? [] : [recording.summary]
        if let indices = recording.indices, row < indices.count {
            parts.append("original index \(indices[row])")
        }
        parts += recording.notes
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
