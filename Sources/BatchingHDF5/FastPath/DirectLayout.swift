import Batching

/// What the direct-read path needs to know about one dataset, asked of libhdf5 once: where its
/// bytes are and how they are encoded.
///
/// A layout exists only for datasets the direct path can read exactly as libhdf5 would:
/// numeric elements stored at their natural width, contiguous at a known offset or chunked with
/// every chunk written and filtered by nothing but deflate and shuffle, and wholly inside the file.
/// Only the layout comes from libhdf5; the bytes are read with `pread` (or, for datasets of very
/// many chunks, raw chunks are copied out by the library, see ``ChunkStore``) and decoded off its lock.
/// ``DirectEligibility`` says why other datasets are not eligible.
///
/// ```swift
/// let layout = DirectLayout(filePath: "mnist.h5", datasetPath: "images", dtype: .uint8,
///                           swapBytes: false, shape: [60000, 28, 28],
///                           storage: .contiguous(fileOffset: 2048))
/// ```
public struct DirectLayout: Sendable {
    /// Where a dataset's bytes are.
    public enum Storage: Sendable {
        /// One block of row-major bytes starting at this file offset.
        case contiguous(fileOffset: UInt64)
        /// Chunks, each stored and filtered on its own, and where their bytes come from.
        case chunked(ChunkGrid, ChunkStore)
    }

    /// The file's path.
    public var filePath: String
    /// The dataset's path inside the file, for messages.
    public var datasetPath: String
    /// The element type rows are returned in.
    public var dtype: DType
    /// Whether the file stores elements in the other byte order than this machine's.
    public var swapBytes: Bool
    /// The dataset's extents, sample axis first.
    public var shape: [Int]
    /// Where the bytes are.
    public var storage: Storage

    public init(
        filePath: String, datasetPath: String, dtype: DType, swapBytes: Bool, shape: [Int],
        storage: Storage
    ) {
        self.filePath = filePath
        self.datasetPath = datasetPath
        self.dtype = dtype
        self.swapBytes = swapBytes
        self.shape = shape
        self.storage = storage
    }

    /// The number of rows.
    public var rowCount: Int { shape.first ?? 0 }
    /// Bytes in one row.
    public var bytesPerRow: Int { shape.dropFirst().reduce(1, *) * dtype.byteWidth }

    /// The file the layout points into — `file` when given, else opened at ``filePath`` — checked
    /// to hold every byte the layout points at.
    ///
    /// - Throws: ``FastPathError`` when the file cannot be opened or is shorter than the layout.
    func openFile(_ file: ReadOnlyFile?) throws -> ReadOnlyFile {
        let opened = try file ?? ReadOnlyFile(path: filePath)
        guard fits(fileSize: opened.size) else {
            throw FastPathError.inDataset(
                file: filePath, dataset: datasetPath,
                problem: "its bytes lie past the end of the file, which looks truncated")
        }
        return opened
    }

    /// Whether every byte the layout points at lies inside a file of `fileSize` bytes.
    public func fits(fileSize: UInt64) -> Bool {
        switch storage {
        case .contiguous(let offset):
            return offset.addingReportingOverflow(UInt64(rowCount * bytesPerRow)).partialValue <= fileSize
                && offset <= fileSize
        case .chunked(_, .located(let locations)):
            // Sizes and offsets come from the file: add without trapping on overflow.
            return locations.allSatisfy {
                let end = $0.fileOffset.addingReportingOverflow(UInt64(clamping: $0.storedSize))
                return $0.storedSize >= 0 && !end.overflow && end.partialValue <= fileSize
            }
        case .chunked(_, .library):
            return true
        }
    }
}
