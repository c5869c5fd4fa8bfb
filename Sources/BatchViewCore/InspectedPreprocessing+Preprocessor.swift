import Batching

extension InspectedPreprocessing {
    /// The inspector's view of a library ``Preprocessor`` (`--preprocess crop:24,flip:h`, a
    /// timeseries window, a chain): each slice computed from the batch, its address and `seed`
    /// alone, so stepping back shows the same augmentation.
    ///
    /// ```swift
    /// let spec = try PreprocessSpec("crop:24,flip:h")
    /// let shown = InspectedPreprocessing(try spec.makePreprocessor(), name: spec.description, seed: 12345)
    /// ```
    public init(_ preprocessor: any Preprocessor, name: String, seed: UInt64) {
        self.init(
            name: name,
            sliceCount: { batch in try preprocessor.sliceCount(for: try BatchSlice(batch: batch, seed: seed)) },
            slice: { batch, index in
                var input = try BatchSlice(batch: batch, seed: seed)
                input.address.slice = index
                let output = try preprocessor.slice(index, of: input)
                return PreprocessedSlice(output, rawImages: batch.columns[0])
            })
        self.preprocessor = preprocessor
        self.seed = seed
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
