import Batching

/// One batch (and preprocessor slice) as the inspector holds it: the raw rows, their labels,
/// the preprocessed slice, the display images, which samples hold NaN or infinite values, and
/// what producing it cost (including the float32 conversion a model is fed, which is timed but
/// not kept: nothing on screen needs it, and for a whole-file batch it is four times the file).
public struct LoadedBatch: Sendable {
    public var address: BatchAddress
    public var slice: Int
    /// Slices the preprocessor makes of this batch (1 without one).
    public var sliceCount: Int
    /// The sample index of each row.
    public var indices: [Int]
    /// The raw image rows held: `[count] + rowShape` once the whole batch is read, or only the
    /// rows ``imageRows`` (the page on screen) while its whole read is still on its way.
    public var images: Tensor
    /// The batch rows ``images`` holds, in order: `0..<count` for a whole batch.
    public private(set) var imageRows: Range<Int>
    /// The label of each row as a whole number (the position of the largest value for one-hot
    /// rows), when the data has labels and they are whole numbers.
    public var labels: [Int]?
    /// The label of each row as stored, when the rows hold one label each and they are not all
    /// whole numbers (regression targets such as 0.5); `nil` otherwise.
    public var labelValues: [Double]?
    /// The labels as stored, when the data has labels (what a preprocessor is given).
    public var labelTensor: Tensor?
    /// The preprocessed slice, when there is a preprocessor.
    public var preprocessed: PreprocessedSlice?
    /// Why there is no preprocessed slice although there is a preprocessor: an external stage's
    /// call failed on this batch (its raw samples are shown instead).
    public var preprocessingFailure: PreprocessingFailure?
    public var timing: BatchTiming
    /// The rows with a NaN or infinite value in the raw or the preprocessed images, ascending.
    public var nonFiniteRows: [Int]
    /// The labels as read when each is an image (a segmentation mask: rows of 2 or 3 axes), for
    /// the transform steps (`t`); `nil` for class numbers and other labels.
    public var labelImages: Tensor?
    /// The grid's previews of the raw rows, resampled once each (shared with the raw read it
    /// was built from, and filled ahead when it was read ahead).
    var previews = PreviewCache()
    /// The transform steps (`t`) of the rows shown so far, replayed once each.
    let transformSteps = TransformStepsMemo()

    /// A batch of `images` and the label tensor `labelTensor` (one row per sample);
    /// `rawNonFiniteRows`, when given, are the rows of `images` with a NaN or infinite value,
    /// scanned already (by the read ahead). `imageRows`, when given, says which batch rows
    /// `images` holds (the page on screen, ``PageFirstRead``); by default all of them.
    public init(
        address: BatchAddress, slice: Int, sliceCount: Int, indices: [Int], images: Tensor, labelTensor: Tensor?,
        preprocessed: PreprocessedSlice?, timing: BatchTiming, rawNonFiniteRows: [Int]? = nil,
        imageRows: Range<Int>? = nil
    ) {
        precondition(
            imageRows.map { $0.count == images.rowCount && $0.upperBound <= indices.count }
                ?? (images.rowCount == indices.count), "the image rows held are rows of the batch")
        self.imageRows = imageRows ?? 0..<indices.count
        self.address = address
        self.slice = slice
        self.sliceCount = sliceCount
        self.indices = indices
        self.images = images
        self.labelTensor = labelTensor
        let whole = labelTensor.flatMap(Self.labelValues)
        labels = whole
        labelValues = labelTensor.flatMap { tensor in
            whole == nil && tensor.elementsPerRow == 1
                ? (0..<tensor.elementCount).map { tensor.doubleValue(atElement: $0) } : nil
        }
        self.preprocessed = preprocessed
        self.timing = timing
        labelImages = labelTensor.flatMap { ImageLayout.infer(rowShape: $0.rowShape) == nil ? nil : $0 }
        let firstRow = self.imageRows.lowerBound
        let raw = rawNonFiniteRows ?? NonFiniteRows.find(in: images).map { $0 + firstRow }
        nonFiniteRows = preprocessed.map { NonFiniteRows.union([raw, NonFiniteRows.find(in: $0.images)]) } ?? raw
    }

    /// The number of samples.
    public var count: Int { indices.count }

    /// Whether every row's image is held (``images`` is the whole batch); `false` while only the
    /// page on screen is, its whole read on its way.
    public var isWhole: Bool { imageRows.count == indices.count }

    /// Whether row `row`'s image is held.
    public func holdsImage(row: Int) -> Bool { imageRows.contains(row) }

    /// The bytes this batch holds in tensors.
    public var heldBytes: Int {
        images.byteCount + (preprocessed?.images.byteCount ?? 0) + (labelImages?.byteCount ?? 0) + indices.count * 8
            + (labels?.count ?? 0) * 8
            + (labelValues?.count ?? 0) * 8
    }

    /// The channels of each raw image read in `layout` (from the shape: no value is read).
    public func channelCount(layout: ImageLayout) -> Int { layout.geometry(rowShape: images.rowShape).channels }

    /// The image of row `row`, raw or preprocessed, for a scaling and channel, drawn straight
    /// from the stored rows.
    public func image(row: Int, augmented: Bool, layout: ImageLayout, scaling: IntensityScaling, channel: Int)
        -> StoredImage
    {
        if augmented, let preprocessed {
            return StoredImage(batch: preprocessed.images, row: row, layout: layout, scaling: scaling, channel: channel)
        }
        return StoredImage(
            batch: images, row: row - imageRows.lowerBound, layout: layout, scaling: scaling, channel: channel)
    }

    /// The raw image of row `row` (held: ``holdsImage(row:)``) at full size, as floats.
    public func rawImage(row: Int, layout: ImageLayout) -> RawImage {
        RawImage(batch: images, row: row - imageRows.lowerBound, layout: layout)
    }

    /// Integer labels of a label tensor: the values, or the position of the largest value of
    /// each row for one-hot rows; `nil` when they are not whole numbers.
    static func labelValues(_ tensor: Tensor) -> [Int]? {
        tensor.classOfLargestValuePerRow() ?? tensor.integerScalars()
    }
}
