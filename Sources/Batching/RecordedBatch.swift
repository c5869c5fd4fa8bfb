/// What a training loop recorded about one batch it consumed (`batchview.Recorder` in the
/// `python/` package writes it beside the arrays): the training step, the epoch and the original
/// sample index of each row, each when known, and why a recorded value was not usable.
///
/// ```swift
/// let recorded = RecordedBatch(step: 120, epoch: 2, indices: [4711, 12, 907])
/// recorded.indices?[0]   // 4711: row 0 was sample 4711 of the training set
/// ```
public struct RecordedBatch: Sendable, Hashable {
    /// The training step the batch was consumed at.
    public var step: Int?
    /// The training epoch.
    public var epoch: Int?
    /// Each row's index in the training set, one per row.
    public var indices: [Int]?
    /// Recorded values left out, each in a sentence (a wrong length, a wrong type).
    public var notes: [String]

    public init(step: Int? = nil, epoch: Int? = nil, indices: [Int]? = nil, notes: [String] = []) {
        self.step = step
        self.epoch = epoch
        self.indices = indices
        self.notes = notes
    }

    /// `step 120 · epoch 2`, or what of it is known.
    public var summary: String {
        [step.map { "step \($0)" }, epoch.map { "epoch \($0)" }].compactMap { $0 }.joined(separator: " · ")
    }
}
