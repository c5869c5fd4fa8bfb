import Batching
import Synchronization

extension InspectedPreprocessing {
    /// The inspector's view of a library ``Preprocessor`` (`--preprocess crop:24,flip:h`, a
    /// timeseries window, a chain): each slice computed from the batch, its address and `seed`
    /// alone, so stepping back shows the same augmentation. The loader asks how many slices a
    /// batch yields and then for one of them; the batch is prepared once for both
    /// (``PreparedBatch``), so each stage — a `python:` function too — runs once per batch.
    ///
    /// ```swift
    /// let spec = try PreprocessSpec("crop:24,flip:h")
    /// let shown = InspectedPreprocessing(try spec.makePreprocessor(), name: spec.description, seed: 12345)
    /// ```
    public init(_ preprocessor: any Preprocessor, name: String, seed: UInt64) {
        let last = LastPreparedBatch()
        self.init(
            name: name,
            sliceCount: { batch in try last.prepared(batch, seed: seed, by: preprocessor).sliceCount },
            slice: { batch, index in
                let prepared = try last.prepared(batch, seed: seed, by: preprocessor)
                // A batch that yields no slice (a window longer than its sequences) says why, in
                // the words `dump` and `bench` use, rather than that slice 0 does not exist.
                guard prepared.sliceCount >= 1 else {
                    throw PreprocessingError.noSlices(
                        address: prepared.input.address.batchAddress,
                        detail: preprocessor.reasonForNoSlices(prepared.input))
                }
                return PreprocessedSlice(try preprocessor.slice(index, of: prepared), rawImages: batch.columns[0])
            })
        self.preprocessor = preprocessor
        self.seed = seed
    }
}

/// The batch prepared last, kept until the next: the same address and samples prepare once.
private final class LastPreparedBatch: Sendable {
    private let last = Mutex<(address: BatchAddress, indices: [Int], prepared: PreparedBatch)?>(nil)

    func prepared(_ batch: Batch, seed: UInt64, by preprocessor: any Preprocessor) throws -> PreparedBatch {
        if let kept = last.withLock({ $0 }), kept.address == batch.address, kept.indices == batch.indices,
            kept.prepared.input.seed == seed
        {
            return kept.prepared
        }
        let prepared = try preprocessor.prepared(try BatchSlice(batch: batch, seed: seed))
        last.withLock { $0 = (batch.address, batch.indices, prepared) }
        return prepared
    }
}

extension PreprocessedSlice {
    /// The inspector's view of a library slice cut from raw images `rawImages`.
    init(_ output: BatchSlice, rawImages: Tensor) {
        let window = output.origin.window
        let transforms = output.origin.samples.map { origin in
            SampleTransform(
                top: origin.box.top, left: origin.box.left, height: origin.box.height,
                width: origin.box.width, flippedHorizontally: origin.flippedHorizontally,
                flippedVertically: origin.flippedVertically)
        }
        self.init(
            images: output.images, window: window,
            sequenceLength: window == nil ? nil : rawImages.shape.dropFirst().first,
            samples: transforms)
    }
}
