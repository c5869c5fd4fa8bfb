import Batching

/// A dataset of an HDF5 file as a ``BatchColumn``: rows are read on demand, for any list of
/// indices (unsorted, repeated), in native byte order.
///
/// Each gather sorts the distinct indices, coalesces them into runs of consecutive rows, reads
/// those runs in file order through a row reader, and scatters the rows back into the order
/// asked for. Plug it into ``ArrayDataSource`` like an in-memory tensor.
///
/// ```swift
/// let file = try HDF5File(path: "mnist_small.h5")
/// let images = try HDF5Column(file: file, dataset: "images")
/// let labels = try HDF5Column(file: file, dataset: "labels")
/// let source = try ArrayDataSource([images, labels])
/// let rows = try images.gatherRows([3, 1, 3])   // uint8 [3, 28, 28], rows 3, 1, 3
/// ```
public struct HDF5Column: BatchColumn {
    /// The dataset the rows come from.
    public let dataset: HDF5Dataset
    let reader: any HDF5RowReader
    public let dtype: DType

    /// The dataset at `path` of `file`.
    ///
    /// - Throws: ``HDF5Error/noSuchDataset(file:dataset:available:)``,
    ///   ``HDF5Error/scalarDataset(file:dataset:)``, ``HDF5Error/unsupportedType(file:dataset:type:)``,
    ///   ``HDF5Error/unsupportedFilter(file:dataset:filter:id:)``.
    public init(file: HDF5File, dataset path: String, readPath: HDF5ReadPath = .automatic) throws {
        try self.init(dataset: file.dataset(path), readPath: readPath)
    }

    /// A column over an open dataset.
    public init(dataset: HDF5Dataset, readPath: HDF5ReadPath = .automatic) throws {
        let info = dataset.info
        let file = dataset.filePath
        guard info.rank >= 1 else { throw HDF5Error.scalarDataset(file: file, dataset: info.path) }
        guard let dtype = info.dtype else {
            throw HDF5Error.unsupportedType(file: file, dataset: info.path, type: info.elementType.prose)
        }
        if let filter = info.unavailableFilter {
            throw HDF5Error.unsupportedFilter(file: file, dataset: info.path, filter: filter.summary, id: filter.id)
        }
        self.dataset = dataset
        self.dtype = dtype
        reader = try makeRowReader(for: dataset, path: readPath)
    }

    public var rowCount: Int { dataset.info.rowCount }
    public var rowShape: [Int] { dataset.info.rowShape }

    /// The rows at `indices`, in that order.
    ///
    /// - Throws: ``BatchingError/indexOutOfRange(index:count:)``, ``HDF5Error/readFailed(file:dataset:detail:)``.
    public func gatherRows(_ indices: [Int]) throws -> Tensor {
        let count = rowCount
        for index in indices where index < 0 || index >= count {
            throw BatchingError.indexOutOfRange(index: index, count: count)
        }
        var out = Tensor(zeros: dtype, shape: [indices.count] + rowShape)
        guard !indices.isEmpty else { return out }
        if try out.withUnsafeMutableBytes({ try reader.gatherRowsDirectly(indices, into: $0) }) { return out }
        let plan = RowGatherPlan(indices: indices)
        let rowBytes = dataset.info.bytesPerRow
        guard let positions = plan.sourcePositions else {
            try out.withUnsafeMutableBytes { try reader.readRuns(plan.runs, into: $0) }
            return out
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(plan.rowsRead * rowBytes, 1), alignment: 64)
        defer { buffer.deallocate() }
        try reader.readRuns(plan.runs, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(plan.rowsRead * rowBytes)]))
        out.withUnsafeMutableBytes { destination in
            guard let base = destination.baseAddress, let source = buffer.baseAddress else { return }
            for (row, position) in positions.enumerated() {
                (base + row * rowBytes).copyMemory(from: source + position * rowBytes, byteCount: rowBytes)
            }
        }
        return out
    }

    /// Every row, read in one go.
    public func readAll() throws -> Tensor {
        var out = Tensor(zeros: dtype, shape: [rowCount] + rowShape)
        guard rowCount > 0 else { return out }
        try out.withUnsafeMutableBytes { try reader.readRuns([RowRun(start: 0, count: rowCount)], into: $0) }
        return out
    }
}
