/// Drives a ``Preprocessor`` over a data source step by step, as DeepTrain's `DataGenerator`
/// does: when the batch is exhausted load the next one, process it, update the state; after the
/// last slice of the last batch of an epoch, end the epoch and reset.
///
/// As in DeepTrain 0.6.0, the epoch ends after the last slice of the last batch. Two DeepTrain
/// bugs, reproduced with its own code by `scripts/deeptrain-reproduce.py`, are not copied: epoch 0
/// is shuffled like every other epoch when the order is shuffled (DeepTrain never shuffles its
/// first epoch); and a sequential order is never shuffled (DeepTrain's `reset_state(shuffle=False)`
/// shuffles anyway when the generator was made with `shuffle=True`).
///
/// ```swift
/// let windows = try TimeseriesPreprocessor(windowSize: 50, slideSize: 25)
/// var generator = try SliceGenerator(source: source, options: BatchOptions(batchSize: 16), preprocessor: windows)
/// while let slice = try generator.next() { print(slice.address, slice.origin.window!) }
/// ```
public struct SliceGenerator: Sendable {
    /// The source of raw batches.
    public let source: any DataSource
    /// Batch size and order.
    public let options: BatchOptions
    /// The seed of the augmentation streams.
    public let seed: UInt64
    /// The preprocessor with its live slice state.
    public private(set) var preprocessor: any Preprocessor
    /// The epochs that have ended, in order (for tests and the inspector).
    public private(set) var endedEpochs: [Int] = []
    private var batches: BatchIterator
    /// The loaded batch, prepared once for all its slices.
    private var loaded: PreparedBatch?
    private let batchesPerEpoch: Int?

    /// - Parameters:
    ///   - epochs: how many epochs to produce (`nil`: without end).
    ///   - seed: the augmentation seed; by default the order's seed, or 0 for sequential order.
    public init(
        source: any DataSource, options: BatchOptions, preprocessor: any Preprocessor,
        epochs: Int? = 1, seed: UInt64? = nil
    ) throws {
        self.source = source
        self.options = options
        self.preprocessor = preprocessor
        self.seed = seed ?? options.order.seed ?? 0
        batches = try source.batches(options, epochs: epochs)
        batchesPerEpoch = batches.batchCount
        self.preprocessor.resetState()
    }

    /// The next slice, or `nil` after the last slice of the last epoch.
    ///
    /// - Throws: ``PreprocessingError/noSlices(address:detail:)`` when a batch yields no slice
    ///   (instead of looping forever), and whatever the source or preprocessor throws.
    public mutating func next() throws -> BatchSlice? {
        if preprocessor.batchExhausted || loaded == nil {
            guard let batch = try batches.next() else { return nil }
            loaded = try preprocessor.prepared(try BatchSlice(batch: batch, seed: seed))
            preprocessor.batchLoaded = true
            preprocessor.batchExhausted = false
            preprocessor.sliceIndex = 0
        }
        let slice = try preprocessor.process(loaded!)
        preprocessor.updateState()
        if preprocessor.batchExhausted, let count = batchesPerEpoch, slice.address.batch == count - 1 {
            preprocessor.onEpochEnd(epoch: slice.address.epoch)
            endedEpochs.append(slice.address.epoch)
            preprocessor.resetState()
        }
        return slice
    }

    /// Makes `address` the slice the next ``next()`` returns; costs one batch load, never a replay.
    ///
    /// - Throws: ``BatchingError/addressOutOfRange(epoch:batch:batchCount:)`` for a batch outside
    ///   the epoch, ``PreprocessingError/invalidParameter(stage:detail:)`` for a slice the batch
    ///   does not have.
    public mutating func seek(to address: SliceAddress) throws {
        try batches.seek(to: address.batchAddress)
        guard let batch = try batches.next() else {
            throw BatchingError.addressOutOfRange(
                epoch: address.epoch, batch: address.batch, batchCount: batchesPerEpoch)
        }
        let input = try BatchSlice(batch: batch, seed: seed)
        let prepared = try preprocessor.prepared(input)
        let count = prepared.sliceCount
        guard count >= 1 else {
            throw PreprocessingError.noSlices(
                address: address.batchAddress, detail: preprocessor.reasonForNoSlices(input))
        }
        guard address.slice >= 0, address.slice < count else {
            throw PreprocessingError.invalidParameter(
                stage: "seek",
                detail: "batch (\(address.batchAddress)) has \(count) slices, so there is no slice \(address.slice)")
        }
        loaded = prepared
        preprocessor.state.beginBatch(slices: count)
        preprocessor.sliceIndex = address.slice
    }
}
