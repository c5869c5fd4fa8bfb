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
    ///   ``HDF5Error/unsupportedFilter(file:dataset:filter:id:)``, ``HDF5Error/tooLarge(file:dataset:shape:)``.
    public init(
        file: HDF5File, dataset path: String, readPath: HDF5ReadPath = .automatic,
        chunkCache: DecodedChunkCache = DecodedChunkCache(), deflate: DeflateDecoder = .exact
    ) throws {
        try self.init(dataset: file.dataset(path), readPath: readPath, chunkCache: chunkCache, deflate: deflate)
    }

    /// A column over an open dataset. The direct reader of a chunked dataset keeps decoded
    /// chunks in `chunkCache`: pass the one of the source the column belongs to (a column given
    /// none gets a cache of its own, of the default budget). It inflates whole deflate-filtered
    /// chunks with `deflate`: the exact inflater by default, or zlib — either exactly as libhdf5
    /// (``DeflateDecoder``).
    public init(
        dataset: HDF5Dataset, readPath: HDF5ReadPath = .automatic,
        chunkCache: DecodedChunkCache = DecodedChunkCache(), deflate: DeflateDecoder = .exact
    ) throws {
        let info = dataset.info
        let file = dataset.filePath
        guard info.rank >= 1 else { throw HDF5Error.scalarDataset(file: file, dataset: info.path) }
        guard let dtype = info.dtype else {
            throw HDF5Error.unreadableElements(file: file, dataset: info)
        }
        if let filter = info.unavailableFilter {
            throw HDF5Error.unsupportedFilter(file: file, dataset: info.path, filter: filter.summary, id: filter.id)
        }
        guard info.fitsInMemory else { throw HDF5Error.tooLarge(file: file, dataset: info.path, shape: info.shape) }
        self.dataset = dataset
        self.dtype = dtype
        reader = try makeRowReader(for: dataset, path: readPath, cache: chunkCache, deflate: deflate)
    }

    public var rowCount: Int { dataset.info.rowCount }
    public var rowShape: [Int] { dataset.info.rowShape }

    /// The rows at `indices`, in that order.
    ///
    /// - Throws: ``BatchingError/indexOutOfRange(index:count:)``, ``HDF5Error/readFailed(file:dataset:detail:)``.
    public func gatherRows(_ indices: [Int]) throws -> Tensor {
        try gatherRowsIntoNewTensor(indices)
    }

    /// Writes the rows at `indices`, in that order, into `destination` (a pooled buffer of this
    /// column's type and shape `[indices.count] + rowShape`), reading as ``gatherRows(_:)`` does.
    public func gatherRows(_ indices: [Int], into destination: inout Tensor) throws {
        preconditionFits(destination, rows: indices.count)
        try BatchingError.checkIndices(indices, count: rowCount)
        guard !indices.isEmpty else { return }
        if try destination.withUnsafeMutableBytes({ try reader.gatherRowsDirectly(indices, into: $0) }) { return }
        let plan = RowGatherPlan(indices: indices)
        let rowBytes = dataset.info.bytesPerRow
        guard let positions = plan.sourcePositions else {
            try destination.withUnsafeMutableBytes { try reader.readRuns(plan.runs, into: $0) }
            return
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(plan.rowsRead * rowBytes, 1), alignment: 64)
        defer { buffer.deallocate() }
        try reader.readRuns(
            plan.runs, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(plan.rowsRead * rowBytes)]))
        destination.withUnsafeMutableBytes { out in
            guard let base = out.baseAddress, let source = buffer.baseAddress else { return }
            RowGather.copy(positions, rowBytes: rowBytes, from: source, into: base)
        }
    }

    /// Every row, read in one go.
    public func readAll() throws -> Tensor {
        var out = Tensor(zeros: dtype, shape: [rowCount] + rowShape)
        try readAll(into: &out)
        return out
    }

    /// Every row, read into `destination` when it already has this column's type and shape (a
    /// pooled buffer: no allocation, no page faults), else into a new tensor put there.
    ///
    /// With `threads` above 1 the rows are read in parts of about 1 MiB on that many threads at
    /// once (a whole batch file copies out of the page cache about twice as fast on two cores).
    public func readAll(into destination: inout Tensor, threads: Int = 1) throws {
        let shape = [rowCount] + rowShape
        if destination.dtype != dtype || destination.shape != shape { destination = Tensor(zeros: dtype, shape: shape) }
        let rowBytes = dataset.info.bytesPerRow
        try destination.withUnsafeMutableBytes { bytes in
            let base = Int(bitPattern: bytes.baseAddress) // pointers are not Sendable
            try forEachPart(threads: threads) { rows in
                // No address: the rows hold no bytes (a zero extent), so there is nothing to read.
                guard let start = UnsafeMutableRawPointer(bitPattern: base) else { return }
                let target = start + rows.lowerBound * rowBytes
                try reader.readRuns(
                    [RowRun(start: rows.lowerBound, count: rows.count)],
                    into: UnsafeMutableRawBufferPointer(start: target, count: rows.count * rowBytes))
            }
        }
    }

    /// About how many source bytes a piece read one after another holds (whole chunks of them).
    static let pieceBytes = 8 << 20

    /// Every row converted to `float32` as ``Tensor/convertedToFloat32(scalingBytesInto:)`` does,
    /// into `destination` when it is a `float32` tensor of the column's shape (else a new one).
    ///
    /// Reads and converts a part of the rows at a time, so that no whole-file copy of the source
    /// bytes is made: from a contiguous dataset read directly, about 1 MiB of rows (still in the
    /// processor's cache when they are converted), on up to `threads` threads at once; from any
    /// other, pieces of whole chunks of about 8 MiB one after another (a chunked reader decodes
    /// each piece's chunks on every core). Each part's source bytes go into a buffer of `scratch`
    /// (pass one that outlives the call, as ``FileBatchesDataSource`` does, to reuse its buffers
    /// batch after batch).
    public func readAllAsFloat32(
        into destination: inout Tensor, scalingBytesInto range: ClosedRange<Float> = 0...1,
        threads: Int = 1, scratch: ReadScratch = ReadScratch()
    ) throws {
        let shape = [rowCount] + rowShape
        if destination.dtype != .float32 || destination.shape != shape {
            destination = Tensor(zeros: .float32, shape: shape)
        }
        let rowBytes = dataset.info.bytesPerRow
        let rowElements = rowShape.reduce(1, *)
        let dtype = self.dtype
        try destination.withUnsafeMutableBufferPointer(of: Float.self) { floats in
            let base = Int(bitPattern: floats.baseAddress) // pointers are not Sendable
            try forEachPart(threads: threads, inPieces: true) { rows in
                try scratch.withBuffer(byteCount: rows.count * rowBytes) { source in
                    try reader.readRuns([RowRun(start: rows.lowerBound, count: rows.count)], into: source)
                    // No address: the rows hold no elements (a zero extent), so there is nothing to convert.
                    guard let start = UnsafeMutablePointer<Float>(bitPattern: base), let converted = source.baseAddress
                    else { return }
                    dtype.convertToFloat32(
                        UnsafeRawPointer(converted), into: start + rows.lowerBound * rowElements,
                        count: rows.count * rowElements, scalingBytesInto: range)
                }
            }
        }
    }

    /// Calls `body` with consecutive row ranges that cover every row: parts of about 1 MiB on up
    /// to `threads` threads at once when the reader reads parts in parallel well (a contiguous
    /// dataset read directly); else, with `inPieces`, pieces of whole chunks (no chunk is decoded
    /// twice) of about 8 MiB one after another, and without, one range of every row.
    private func forEachPart(
        threads: Int, inPieces: Bool = false, _ body: @Sendable (Range<Int>) throws -> Void
    ) throws {
        let count = rowCount
        guard count > 0 else { return }
        let rowBytes = max(dataset.info.bytesPerRow, 1)
        guard reader.readsPartsInParallel else {
            guard inPieces else { return try body(0..<count) }
            let chunkRows = max(1, dataset.info.chunkShape?.first ?? 1)
            let rowsPerPiece = max(1, HDF5Column.pieceBytes / rowBytes / chunkRows) * chunkRows
            for start in stride(from: 0, to: count, by: rowsPerPiece) {
                try body(start..<min(start + rowsPerPiece, count))
            }
            return
        }
        let rowsPerPart = max(1, (1 << 20) / rowBytes)
        let parts = (count + rowsPerPart - 1) / rowsPerPart
        try ParallelWork(width: threads).run(count: parts) { part in
            let start = part * rowsPerPart
            try body(start..<min(start + rowsPerPart, count))
        }
    }
}

extension HDF5Column: RowBytesInMemory {
    /// The rows in the file's memory mapping, when the direct path reads this dataset from
    /// contiguous storage (``BatchColumn/gatherRowsAsFloat32(_:into:scalingBytesInto:)`` then
    /// converts `uint8` rows straight from there); `nil` on every other path.
    public func withRowBytes<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R? {
        guard let direct = reader as? DirectRowReader else { return nil }
        return try direct.withMappedRows(body)
    }
}
