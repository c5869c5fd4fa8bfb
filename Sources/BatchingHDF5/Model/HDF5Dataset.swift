import Batching

/// One dataset of an open ``HDF5File``: its description, and the layout facts a reader needs.
///
/// Keeps its file open. Rows are read by an ``HDF5Column`` through a row reader; this type
/// answers where the bytes are (``contiguousFileOffset()``, ``chunkLocations()``) for readers
/// that read the file themselves.
///
/// ```swift
/// let dataset = try HDF5File(path: "train.h5").dataset("images")
/// dataset.info.shape               // [500, 28, 28]
/// dataset.contiguousFileOffset()   // 2048
/// ```
public final class HDF5Dataset: Sendable {
    /// The file the dataset belongs to.
    public let file: HDF5File
    /// Shape, element type, layout, chunks, filters and attributes.
    public let info: HDF5DatasetInfo
    /// The dataset as libhdf5 holds it open: every library call on it goes through this.
    let library: HDF5OpenDataset

    init(file: HDF5File, path: String) throws {
        self.file = file
        library = try HDF5OpenDataset(file: file.owner, filePath: file.path, path: path) { file.datasetPaths }
        info = library.info
    }

    /// The path of the file, for readers that open it themselves.
    public var filePath: String { file.path }

    /// Where the dataset's bytes start in the file, for a contiguous dataset whose storage is
    /// allocated; `nil` otherwise (chunked, compact, never written).
    public func contiguousFileOffset() -> UInt64? {
        library.contiguousFileOffset()
    }

    /// The file location of every allocated chunk of a chunked dataset, in the library's index
    /// order; empty for other layouts. Chunks never written are absent (they read as the fill
    /// value).
    public func chunkLocations() throws -> [HDF5ChunkLocation] {
        try library.chunkLocations()
    }

    /// Reads the rows of `runs`, run after run, into `destination` in native byte order through
    /// the library (one hyperslab selection and `H5Dread` per run).
    func readRuns(_ runs: [RowRun], into destination: UnsafeMutableRawBufferPointer) throws {
        let totalRows = runs.reduce(0) { $0 + $1.count }
        // The caller sizes `destination` from the same runs (a programming error otherwise).
        precondition(
            destination.count >= totalRows * info.bytesPerRow, "the destination is too small for \(totalRows) rows")
        try library.readRuns(runs, into: destination)
    }
}

/// Where one chunk of a chunked dataset is stored.
public struct HDF5ChunkLocation: Sendable, Hashable {
    /// The chunk's first element, in dataset coordinates (multiples of the chunk shape).
    public var origin: [Int]
    /// Bit *i* set means filter *i* of the pipeline was skipped for this chunk.
    public var filterMask: UInt32
    /// The byte offset of the stored (filtered) chunk in the file.
    public var fileOffset: UInt64
    /// The stored (filtered) size in bytes.
    public var storedSize: Int
}
