import Batching

/// What the inspector shows: a named collection of images (or sequences) with optional labels
/// and class names, and how to draw batches from it.
///
/// The HDF5 opener, the dataset importers and the tests all describe their data this way, so
/// the inspector never needs to know where the rows come from.
///
/// ```swift
/// let images = Tensor(shape: [100, 8, 8], scalars: [UInt8](repeating: 0, count: 6400))
/// let labels = Tensor((0..<100).map { Int64($0 % 10) })
/// let dataset = InspectedDataset(name: "demo", images: images, labels: labels)
/// ```
public struct InspectedDataset: Sendable {
    /// The file or folder, as shown in the header.
    public var name: String
    /// One row per sample.
    public var images: any BatchColumn
    /// The images' dataset path inside the file.
    public var imagesName: String
    /// How an image row's axes are ordered.
    public var layout: ImageLayout
    /// One integer label per sample, when the data has labels.
    public var labels: (any BatchColumn)?
    /// The labels' dataset path inside the file.
    public var labelsName: String?
    /// The name of each class, indexed by label.
    public var classNames: [String]?
    /// Datasets that can serve as per-sample sampling weights (`weights:NAME`), which `b` cycles
    /// through.
    public var weightDatasets: [String]
    /// What the samplers need from the data (labels, weights, chunk rows). Readers of files
    /// set it to what the command-line tools read, so that the inspector builds the same sampler
    /// as `batchview order` for the same flags.
    public var sampling: SamplingData
    /// Where sample `i` is stored, e.g. `batch_2.h5 row 17`.
    public var origin: @Sendable (Int) -> String
    /// The preprocessing applied to every batch (augmentation, windows), if any.
    public var preprocessing: InspectedPreprocessing?
    /// Bytes the reader holds in its own caches (decoded HDF5 chunks), when it can tell.
    public var cacheBytes: (@Sendable () -> Int)?
    /// How the rows at some indices are read from the file (the I/O view, `i`), when the data
    /// is a file whose layout can be reported.
    public var readReport: (@Sendable ([Int]) -> BatchReadReport)?
    /// One whole file per batch (`--file-batches`) instead of batches cut every batch size; the
    /// sampler, subset, repeats, shard and short-batch settings then do not apply.
    public var fileBatches: InspectedFileBatches?
    /// A source read forward only (``InspectedForwardOnly``): batches as it gives them, no sampler.
    public var forwardOnly: InspectedForwardOnly?

    /// A dataset over in-memory or file-backed columns.
    ///
    /// - Parameters:
    ///   - layout: the image layout; inferred from the row shape when `nil`.
    ///   - loadWeights: reads a weights dataset by name, for ``sampling``.
    public init(
        name: String, images: any BatchColumn, imagesName: String = "images", layout: ImageLayout? = nil,
        labels: (any BatchColumn)? = nil, labelsName: String? = "labels", classNames: [String]? = nil,
        weightDatasets: [String] = [], loadWeights: (@Sendable (String) throws -> [Double])? = nil,
        origin: (@Sendable (Int) -> String)? = nil, preprocessing: InspectedPreprocessing? = nil
    ) {
        self.name = name
        self.images = images
        self.imagesName = imagesName
        self.layout = layout ?? ImageLayout.infer(rowShape: images.rowShape) ?? .nhw
        self.labels = labels
        self.labelsName = labels == nil ? nil : labelsName
        self.classNames = classNames
        self.weightDatasets = weightDatasets
        let fileName = name
        self.origin = origin ?? { index in "\(fileName) row \(index)" }
        self.preprocessing = preprocessing
        sampling = SamplingData(name: name, sampleCount: images.rowCount, weights: loadWeights)
        if labels != nil {
            let described = self
            sampling.labels = { try described.allLabels() ?? [] }
        }
    }

    /// The number of samples.
    public var sampleCount: Int { images.rowCount }

    /// Every label as an integer, or `nil` without labels.
    ///
    /// Negative labels (such as -1 for "ignore") are kept; the inspector leaves them out of the
    /// class histogram.
    ///
    /// - Throws: ``BatchingError/invalidLabels(_:)`` when a label is not a whole number.
    public func allLabels() throws -> [Int]? {
        guard let labels else { return nil }
        let tensor = try labels.gatherRows(Array(0..<labels.rowCount))
        // One-hot (or scores): the label is the position of the largest value.
        if let classes = tensor.classOfLargestValuePerRow() { return classes }
        let fractional =
            (tensor.dtype == .float32 || tensor.dtype == .float64)
            && (0..<tensor.elementCount).contains {
                tensor.doubleValue(atElement: $0).rounded() != tensor.doubleValue(atElement: $0)
            }
        guard !fractional, let values = tensor.integerScalars() else {
            throw BatchingError.invalidLabels(
                "the labels \(labelsName ?? "") of \(name) are not whole numbers; give a dataset of class numbers with --labels"
            )
        }
        return values
    }

    /// A shape-and-type description such as `uint8 (500, 28, 28)`.
    public static func describe(_ column: any BatchColumn) -> String {
        "\(column.dtype.numpyName) (" + ([column.rowCount] + column.rowShape).map(String.init).joined(separator: ", ")
            + ")"
    }
}
