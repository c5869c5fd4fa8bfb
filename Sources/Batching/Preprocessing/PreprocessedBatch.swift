/// A batch as it was read beside what the preprocessor made of it: the raw batch, every slice
/// (each with its ``SliceOrigin``: window, crop boxes, flips) and how long each stage took.
///
/// The inspector draws the raw samples with the slice origins over them; `batchview dump` writes
/// the slices as `augmented.npy`.
///
/// ```swift
/// let view = try source.preprocessedBatch(at: BatchAddress(epoch: 2, batch: 7), options,
///                                         preprocessor: RandomCrop(size: 24), seed: 12345)
/// view.raw.columns[0]        // as read
/// view.slices[0].images      // as augmented
/// view.slices[0].origin      // where each crop lies in the raw images
/// ```
public struct PreprocessedBatch: Sendable {
    /// The batch as the source returned it.
    public var raw: Batch
    /// The slices of the batch, in order; one slice when the preprocessor does not cut batches.
    public var slices: [BatchSlice]
    /// How long reading, decoding and preprocessing took, and the bytes moved.
    public var times: StageTimes
    /// The read's decoded-chunk cache look-ups, when the source reads chunks through a cache.
    public var chunkLookups: ChunkLookups?

    public init(raw: Batch, slices: [BatchSlice], times: StageTimes) {
        self.raw = raw
        self.slices = slices
        self.times = times
    }

    /// The address of the batch.
    public var address: BatchAddress { raw.address }

    /// The slices' images as one tensor, for `augmented.npy`: the single slice's images as they
    /// are, or for several slices a tensor of shape `[slices] + images.shape`.
    ///
    /// - Throws: ``BatchingError/incompatibleRows(_:)`` when the slices differ in type or shape.
    public func stackedSliceImages() throws -> Tensor {
        guard let first = slices.first else {
            throw BatchingError.incompatibleRows("the batch has no slices to stack")
        }
        if slices.count == 1 { return first.images }
        for slice in slices where slice.images.dtype != first.images.dtype || slice.images.shape != first.images.shape {
            throw BatchingError.incompatibleRows(
                "slice \(slice.address.slice) holds \(slice.images.dtype)\(slice.images.shape) but slice 0 \(first.images.dtype)\(first.images.shape); slices of different shapes cannot be stacked"
            )
        }
        let joined = try Tensor.concatenating(slices.map(\.images))
        return joined.reshaped([slices.count] + first.images.shape)
    }
}

extension DataSource {
    /// The batch at `address` as read and as preprocessed, with stage times; a pure function of
    /// the configuration, the address and `seed`.
    ///
    /// - Parameters:
    ///   - preprocessor: the preprocessing; `nil` gives the raw images as the only slice.
    ///   - seed: the seed of the augmentation streams.
    ///   - imageColumn: which column holds the images; labels are the other column, if any.
    public func preprocessedBatch(
        at address: BatchAddress, _ options: BatchOptions,
        preprocessor: (any Preprocessor)?, seed: UInt64,
        imageColumn: Int = 0, labelColumn: Int? = nil
    ) throws -> PreprocessedBatch {
        try Self.timedBatch(
            preprocessor: preprocessor, seed: seed, imageColumn: imageColumn, labelColumn: labelColumn
        ) { try batch(at: address, options) }
    }

    /// Reads a batch with `read`, preprocesses it, and times both: the one place a batch's
    /// ``StageTimes`` are measured (the source's own decoding, recorded through
    /// ``StageRecorder``, is split off the read).
    static func timedBatch(
        preprocessor: (any Preprocessor)?, seed: UInt64, imageColumn: Int = 0, labelColumn: Int? = nil,
        read: () throws -> Batch
    ) throws -> PreprocessedBatch {
        let clock = ContinuousClock()
        let recorder = StageRecorder()
        let start = clock.now
        let raw = try recorder.recording(read)
        let loaded = clock.now
        let input = try BatchSlice(batch: raw, seed: seed, imageColumn: imageColumn, labelColumn: labelColumn)
        let slices = try recorder.recording { try preprocessor?.allSlices(of: input) ?? [input] }
        let done = clock.now
        let decode = recorder.decodeSeconds
        let rawBytes = raw.columns.reduce(0) { $0 + $1.byteCount }
        let times = StageTimes(
            read: max((loaded - start).seconds - decode, 0), decode: decode,
            preprocess: (done - loaded).seconds, external: recorder.externalSeconds,
            transport: recorder.transportSeconds,
            bytesRead: recorder.bytesRead ?? rawBytes,
            bytesDecoded: recorder.bytesDecoded > 0 ? recorder.bytesDecoded : rawBytes)
        var batch = PreprocessedBatch(raw: raw, slices: slices, times: times)
        batch.chunkLookups = recorder.chunkLookups
        return batch
    }
}
