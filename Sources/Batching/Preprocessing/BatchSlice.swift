/// What a preprocessor receives and returns: images and labels of one batch (or of one slice of
/// it), with their address and the record of where in the raw batch they came from.
///
/// A raw batch becomes a `BatchSlice` with ``init(batch:seed:imageColumn:labelColumn:)``; each
/// preprocessing stage returns a new one whose ``origin`` says which window, crop box and flips
/// produced it, so the inspector can draw them over the raw samples.
///
/// ```swift
/// let raw = try BatchSlice(batch: batch, seed: 12345)
/// let slice = try RandomCrop(size: 24).slice(0, of: raw)
/// slice.origin.samples[0].box   // where sample 0's crop lies in the raw image
/// ```
public struct BatchSlice: Sendable {
    /// Which slice of which batch this is.
    public var address: SliceAddress
    /// The sample index of each row.
    public var indices: [Int]
    /// The images (or sequences): one row per sample.
    public var images: Tensor
    /// The labels, when the batch has a label column; one row per sample.
    public var labels: Tensor?
    /// Where in the raw batch the slice came from.
    public var origin: SliceOrigin
    /// The seed of the augmentation streams; every random choice is keyed by it and the address.
    public var seed: UInt64
    /// Which stream a stage draws from, so that two stages of one chain never share draws; set by
    /// ``PreprocessorChain``.
    public var stream: UInt64

    public init(
        address: SliceAddress, indices: [Int], images: Tensor, labels: Tensor?,
        origin: SliceOrigin = SliceOrigin(), seed: UInt64, stream: UInt64 = 0
    ) {
        self.address = address
        self.indices = indices
        self.images = images
        self.labels = labels
        self.origin = origin
        self.seed = seed
        self.stream = stream
    }

    /// The raw batch as slice 0 with an identity origin.
    ///
    /// - Parameters:
    ///   - imageColumn: the column holding images or sequences (default the first).
    ///   - labelColumn: the column holding labels (default the second, when there is one).
    public init(batch: Batch, seed: UInt64, imageColumn: Int = 0, labelColumn: Int? = nil) throws {
        guard batch.columns.indices.contains(imageColumn) else {
            throw BatchingError.invalidArgument(
                "the batch has \(batch.columns.count) columns, so there is no image column \(imageColumn) to preprocess"
            )
        }
        let labelIndex = labelColumn ?? (batch.columns.count > 1 ? (imageColumn == 0 ? 1 : 0) : nil)
        if let labelIndex, !batch.columns.indices.contains(labelIndex) {
            throw BatchingError.invalidArgument(
                "the batch has \(batch.columns.count) columns, so there is no label column \(labelIndex) to preprocess")
        }
        self.init(
            address: SliceAddress(batch.address), indices: batch.indices, images: batch.columns[imageColumn],
            labels: labelIndex.map { batch.columns[$0] }, seed: seed)
    }

    /// The number of samples (rows).
    public var count: Int { indices.count }

    /// A random generator for row `row` of this slice, keyed by (seed, stream, epoch, batch,
    /// slice, row) and nothing else: the same slice always draws the same numbers, whichever
    /// thread computes it and whatever was computed before.
    public func random(row: Int) -> CounterRandom {
        let salted = CounterRandom.mix(seed ^ CounterRandom.mix(stream &+ 0x5851_F42D_4C95_7F2D))
        return CounterRandom(
            seed: salted, purpose: .augmentation, epoch: address.epoch, batch: address.batch,
            sample: row | (address.slice << 32))
    }
}
