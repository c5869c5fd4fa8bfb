/// A batch made ready to be cut into slices: the work its slices share, done once.
///
/// A ``PreprocessorChain`` runs its stages up to the one that cuts (a timeseries window) while
/// preparing, so slices 0, 1, 2… of the batch each start from that stage's input instead of
/// running the earlier stages again; a chain that does not cut holds its whole result. Any other
/// preprocessor keeps the input as it is and counts its slices. ``Preprocessor/allSlices(of:)``,
/// ``Preprocessor/process(_:)-(PreparedBatch)`` and ``SliceGenerator`` prepare each batch once,
/// so a costly stage (a `python:` function) runs once per batch, wherever it sits in a chain.
///
/// ```swift
/// let chain = try PreprocessSpec("python:aug.py:jitter,window:50").makePreprocessor(external: builder)
/// let prepared = try chain.prepared(try BatchSlice(batch: batch, seed: 7))  // jitter runs here
/// let windows = try (0..<prepared.sliceCount).map { try chain.slice($0, of: prepared) }
/// ```
public struct PreparedBatch: Sendable {
    /// The batch as it was handed to ``Preprocessor/prepared(_:)``.
    public let input: BatchSlice
    /// The number of slices the batch yields (0 when it yields none).
    public let sliceCount: Int
    /// What a chain computed while preparing.
    let progress: _ChainProgress?

    /// A batch whose slices are all made from `input` directly.
    public init(input: BatchSlice, sliceCount: Int) {
        self.init(input: input, sliceCount: sliceCount, progress: nil)
    }

    init(input: BatchSlice, sliceCount: Int, progress: _ChainProgress?) {
        self.input = input
        self.sliceCount = sliceCount
        self.progress = progress
    }
}

/// How far a chain got while preparing a batch.
indirect enum _ChainProgress: Sendable {
    /// Every stage ran: this is the one slice.
    case finished(BatchSlice)
    /// Stage `stage` cuts the batch; `prepared` is that stage's own preparation of its input, and
    /// `first` the chain's slice 0 (made while preparing, to check that no later stage cuts too).
    case cut(stage: Int, prepared: PreparedBatch, first: BatchSlice?)
}
