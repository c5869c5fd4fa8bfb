import Batching

/// One batch (and preprocessor slice) as the inspector holds it: the raw rows, their labels,
/// the preprocessed slice, the display images and what producing it cost.
public struct LoadedBatch: Sendable {
    public var address: BatchAddress
    public var slice: Int
    /// Slices the preprocessor makes of this batch (1 without one).
    public var sliceCount: Int
    /// The sample index of each row.
    public var indices: [Int]
    /// The raw image rows, `[count] + rowShape`.
    public var images: Tensor
    /// The label of each row, when the data has labels.
    public var labels: [Int]?
    /// The preprocessed slice, when there is a preprocessor.
    public var preprocessed: PreprocessedSlice?
    public var timing: BatchTiming
    /// The display images of every row, raw and preprocessed, for ``displayKey``.
    public var rawDisplay: [DisplayImage]
    public var augmentedDisplay: [DisplayImage]?
    /// The scaling and channel the display images were made with.
    public var displayKey: DisplayKey

    /// What the display images depend on besides the data.
    public struct DisplayKey: Hashable, Sendable {
        public var scaling: IntensityScaling
        public var channel: Int
    }

    /// The number of samples.
    public var count: Int { indices.count }

    /// The bytes this batch holds in tensors and display images.
    public var heldBytes: Int {
        var bytes = images.byteCount + (preprocessed?.images.byteCount ?? 0) + indices.count * 8 + (labels?.count ?? 0) * 8
        bytes += rawDisplay.reduce(0) { $0 + $1.values.count * 4 }
        bytes += (augmentedDisplay ?? []).reduce(0) { $0 + $1.values.count * 4 }
        return bytes
    }

    /// Makes the display images again for another scaling or channel.
    mutating func redisplay(_ key: DisplayKey, layout: ImageLayout) {
        guard key != displayKey else { return }
        rawDisplay = Self.display(images, layout: layout, key: key)
        augmentedDisplay = preprocessed.map { Self.display($0.images, layout: layout, key: key) }
        displayKey = key
    }

    /// Display images of every row of `tensor`.
    static func display(_ tensor: Tensor, layout: ImageLayout, key: DisplayKey) -> [DisplayImage] {
        (0..<tensor.rowCount).map { row in
            DisplayImage(RawImage(batch: tensor, row: row, layout: layout), scaling: key.scaling, channel: key.channel)
        }
    }

    /// Integer labels of a label tensor: the values, or the position of the largest value of
    /// each row for one-hot rows; `nil` when they are not whole numbers.
    static func labelValues(_ tensor: Tensor) -> [Int]? {
        let perRow = tensor.elementsPerRow
        guard perRow > 1 else { return tensor.integerScalars() }
        return (0..<tensor.rowCount).map { row in
            var best = 0
            for j in 1..<perRow
            where tensor.doubleValue(atElement: row * perRow + j) > tensor.doubleValue(atElement: row * perRow + best) {
                best = j
            }
            return best
        }
    }
}
