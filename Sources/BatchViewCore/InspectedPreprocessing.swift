import Batching

/// The preprocessing the inspector applies to each batch and shows: how many slices a batch
/// yields and, for each slice, the images after preprocessing and where they came from.
///
/// It is a pair of pure functions of the batch (whose address and the seed key every random
/// choice), so stepping back shows the very same augmented batch.
///
/// ```swift
/// let flip = InspectedPreprocessing(name: "mirror all") { _ in 1 } slice: { batch, _ in
///     PreprocessedSlice(images: mirrored(batch.columns[0]))
/// }
/// ```
public struct InspectedPreprocessing: Sendable {
    /// A short description for the header, e.g. `crop 24 + flip h`.
    public var name: String
    /// The number of slices `batch` yields (at least 1).
    public var sliceCount: @Sendable (Batch) throws -> Int
    /// Slice `index` of `batch`.
    public var slice: @Sendable (Batch, Int) throws -> PreprocessedSlice
    /// The library preprocessor and augmentation seed behind the closures, when there is one;
    /// the prefetch pipeline runs it while the inspector runs (`r`).
    public var preprocessor: (any Preprocessor)?
    public var seed: UInt64

    public init(
        name: String, sliceCount: @escaping @Sendable (Batch) throws -> Int,
        slice: @escaping @Sendable (Batch, Int) throws -> PreprocessedSlice
    ) {
        self.name = name
        self.sliceCount = sliceCount
        self.slice = slice
        preprocessor = nil
        seed = 0
    }
}

/// One preprocessed slice of a batch and its provenance.
public struct PreprocessedSlice: Sendable {
    /// The images after preprocessing, one row per sample of the batch.
    public var images: Tensor
    /// The steps of the raw sequence the slice covers (time series), with the sequence length.
    public var window: Range<Int>?
    /// The length of the raw sequence, when windowed.
    public var sequenceLength: Int?
    /// Per sample: the crop box in raw pixels and the flips; empty when images are whole.
    public var samples: [SampleTransform]

    public init(images: Tensor, window: Range<Int>? = nil, sequenceLength: Int? = nil, samples: [SampleTransform] = [])
    {
        self.images = images
        self.window = window
        self.sequenceLength = sequenceLength
        self.samples = samples
    }
}

/// Where one preprocessed sample lies in its raw image.
public struct SampleTransform: Sendable, Hashable, CustomStringConvertible {
    public var top: Int
    public var left: Int
    public var height: Int
    public var width: Int
    public var flippedHorizontally: Bool
    public var flippedVertically: Bool

    public init(
        top: Int, left: Int, height: Int, width: Int, flippedHorizontally: Bool = false, flippedVertically: Bool = false
    ) {
        self.top = top
        self.left = left
        self.height = height
        self.width = width
        self.flippedHorizontally = flippedHorizontally
        self.flippedVertically = flippedVertically
    }

    public var description: String {
        var flags = [String]()
        if flippedHorizontally { flags.append("flip ↔") }
        if flippedVertically { flags.append("flip ↕") }
        let box = "box y \(top)..<\(top + height) x \(left)..<\(left + width)"
        return ([box] + flags).joined(separator: " · ")
    }
}
