import Batching

/// Everything the file says about one dataset: shape, element type, storage layout, chunks,
/// filters and attributes.
///
/// ```swift
/// let info = try HDF5File(path: "train.h5").dataset("train/images").info
/// info.shape        // [300, 32, 32, 3]
/// info.layout       // .chunked
/// info.chunkShape   // [16, 32, 32, 3]
/// info.filters.map(\.name)  // ["shuffle", "gzip"]
/// ```
public struct HDF5DatasetInfo: Sendable, Hashable {
    /// The absolute path inside the file, without the leading slash (`train/images`).
    public var path: String
    /// The extent of each axis; empty for a scalar (rank 0).
    public var shape: [Int]
    /// The element type as stored.
    public var elementType: HDF5ElementType
    /// How the elements are stored.
    public var layout: HDF5Layout
    /// The chunk extents, for chunked datasets.
    public var chunkShape: [Int]?
    /// The filter pipeline, in the order filters are applied when writing.
    public var filters: [HDF5Filter]
    /// Attributes attached to the dataset.
    public var attributes: [HDF5Attribute]
    /// Bytes the dataset occupies in the file (after compression).
    public var storageSize: Int

    public init(
        path: String, shape: [Int], elementType: HDF5ElementType, layout: HDF5Layout,
        chunkShape: [Int]?, filters: [HDF5Filter], attributes: [HDF5Attribute], storageSize: Int
    ) {
        self.path = path
        self.shape = shape
        self.elementType = elementType
        self.layout = layout
        self.chunkShape = chunkShape
        self.filters = filters
        self.attributes = attributes
        self.storageSize = storageSize
    }

    /// The last path component (`images` for `train/images`).
    public var name: String { path.split(separator: "/").last.map(String.init) ?? path }
    /// The number of axes.
    public var rank: Int { shape.count }
    /// The number of rows (samples): the extent of the first axis, 0 for a scalar.
    public var rowCount: Int { shape.first ?? 0 }
    /// The shape of one row.
    public var rowShape: [Int] { Array(shape.dropFirst()) }
    /// The tensor element type, when numeric.
    public var dtype: DType? { elementType.dtype }
    /// Bytes in one row, in memory (0 when the type is not numeric).
    public var bytesPerRow: Int { rowShape.reduce(1, *) * (dtype?.byteWidth ?? 0) }
    /// Bytes of the whole dataset in memory (0 when the type is not numeric).
    public var byteCount: Int { rowCount * bytesPerRow }
    /// Whether the dataset's bytes in memory can be counted and a row is at most
    /// ``largestRowBytes``: the shape comes from the file, and one damaged or made up (rows of
    /// 2^31 × 2^31 bytes) would overflow ``bytesPerRow`` and ``byteCount``, or every batch.
    public var fitsInMemory: Bool {
        var row = dtype?.byteWidth ?? 0
        for extent in rowShape {
            let (product, overflow) = row.multipliedReportingOverflow(by: extent)
            if overflow { return false }
            row = product
        }
        return row <= Self.largestRowBytes && !row.multipliedReportingOverflow(by: rowCount).overflow
    }

    /// The largest row a column reads: 1 TiB, far past any memory, and small enough that batches
    /// of up to 2^23 rows still count their bytes in an `Int`.
    public static let largestRowBytes = 1 << 40

    /// The first filter this libhdf5 cannot decode, if any.
    public var unavailableFilter: HDF5Filter? { filters.first { !$0.isAvailable } }

    /// The attribute called `name`, if present.
    public func attribute(_ name: String) -> HDF5AttributeValue? {
        attributes.first { $0.name == name }?.value
    }
}
