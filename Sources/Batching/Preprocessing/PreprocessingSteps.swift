/// One stage of a preprocessor replayed on its own: the stage and the slice it produced.
public struct PreprocessingStep: Sendable {
    /// The stage (its parameters: a crop's size, a flip's axes, a normalisation's mean and std).
    public var stage: any Preprocessor
    /// What the stage produced from the previous step's output (or the raw batch): its images,
    /// and in ``BatchSlice/origin`` the crop boxes, flips and window so far, in raw coordinates.
    public var output: BatchSlice
}

extension Preprocessor {
    /// Slice `index` of `input` one stage at a time: a chain's stages each with the very random
    /// stream the chain gives it, any other preprocessor (a Python stage, a closure) as one step.
    /// The last step's images and labels are the bytes ``slice(_:of:)`` returns — an exact replay,
    /// not a re-draw.
    ///
    /// ```swift
    /// let chain = try PreprocessSpec("crop:24,flip:h,normalize").makePreprocessor()
    /// let steps = try chain.steps(0, of: try BatchSlice(batch: batch, seed: 12345))
    /// // steps[0].output.origin.samples[3].box: the crop box of row 3
    /// ```
    ///
    /// - Throws: what the stages throw.
    public func steps(_ index: Int, of input: BatchSlice) throws -> [PreprocessingStep] {
        guard let chain = self as? PreprocessorChain else {
            return [PreprocessingStep(stage: self, output: try slice(index, of: try prepared(input)))]
        }
        var steps = [PreprocessingStep]()
        var current = input
        var cut = false
        for (position, stage) in chain.stages.enumerated() {
            current.stream = UInt64(position)
            current = try PreprocessorChain.run(stage, on: current, slice: index, cut: &cut)
            var shown = current
            shown.address.slice = index
            shown.stream = input.stream
            steps.append(PreprocessingStep(stage: stage, output: shown))
        }
        return steps
    }
}
