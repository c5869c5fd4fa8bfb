import Batching
import CHDF5

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
    let owner: HDF5Handle
    private let ownedMemoryType: HDF5Handle?
    /// The libhdf5 memory type rows are read as (native byte order), when numeric.
    let memoryType: hid_t?

    init(file: HDF5File, path: String) throws {
        self.file = file
        let name = path.isEmpty ? "/" : path
        var id = HDF5Library.call { H5Dopen2(file.owner.id, name, bv_H5P_DEFAULT()) }
        guard id >= 0 else {
            _ = HDF5Library.takeErrorMessage()
            throw HDF5Error.noSuchDataset(file: file.path, dataset: path, available: file.datasetPaths)
        }
        var description = try HDF5DatasetDescriber.describe(id, path: path, file: file.path)
        if let cacheBytes = HDF5Dataset.chunkCacheBytes(for: description) {
            // Reopen with a chunk cache that holds two chunks: the library's 1 MiB default holds
            // none of a bigger chunk, so every run of a batch would inflate its chunk again
            // (3 MiB gzip chunks, shuffled batches of 128: 35 rows/s with the default, 180 with two chunks;
            // h5py's one-read union: 148).
            // The cache belongs to the library's shared dataset object, so close before reopening.
            let failure: (String) -> HDF5Error = { .readFailed(file: file.path, dataset: path, detail: $0) }
            let access = try HDF5Library.handle(H5Pcreate(bv_H5P_DATASET_ACCESS()), failure)
            try HDF5Library.check(H5Pset_chunk_cache(access.id, 12_421, cacheBytes, 0.75), failure)
            H5Oclose(id)
            id = H5Dopen2(file.owner.id, name, access.id)
            guard id >= 0 else { throw failure(HDF5Library.takeErrorMessage() ?? "it could not be reopened") }
            description = try HDF5DatasetDescriber.describe(id, path: path, file: file.path)
        }
        owner = HDF5Handle(id)
        info = description
        let type = try HDF5Library.handle(H5Dget_type(id)) { .readFailed(file: file.path, dataset: path, detail: $0) }
        let memory = HDF5TypeReader.memoryType(for: type.id, elementType: info.elementType)
        memoryType = memory?.id
        ownedMemoryType = memory?.owned
    }

    /// The chunk-cache size for a chunked dataset whose chunks outgrow libhdf5's 1 MiB default:
    /// two chunks, at most 256 MiB; `nil` to keep the default.
    static func chunkCacheBytes(for info: HDF5DatasetInfo) -> Int? {
        guard info.layout == .chunked, let chunk = info.chunkShape, let width = info.dtype?.byteWidth else {
            return nil
        }
        let bytes = chunk.reduce(1, *) * width * 2
        return bytes > 1 << 20 ? min(bytes, 256 << 20) : nil
    }

    /// The raw libhdf5 identifier of the open dataset (valid while this object lives). Prefer a
    /// method on this type to calling libhdf5 directly.
    var handle: hid_t { owner.id }

    /// The path of the file, for readers that open it themselves.
    public var filePath: String { file.path }

    /// Where the dataset's bytes start in the file, for a contiguous dataset whose storage is
    /// allocated; `nil` otherwise (chunked, compact, never written).
    public func contiguousFileOffset() -> UInt64? {
        guard info.layout == .contiguous else { return nil }
        let offset = HDF5Library.call { H5Dget_offset(owner.id) }
        _ = HDF5Library.takeErrorMessage()
        return offset == bv_HADDR_UNDEF() ? nil : UInt64(offset)
    }

    /// The file location of every allocated chunk of a chunked dataset, in the library's index
    /// order; empty for other layouts. Chunks never written are absent (they read as the fill
    /// value).
    public func chunkLocations() throws -> [HDF5ChunkLocation] {
        guard info.layout == .chunked else { return [] }
        let failure: (String) -> HDF5Error = { .readFailed(file: self.file.path, dataset: self.info.path, detail: $0) }
        return try HDF5Library.call {
            let space = try HDF5Library.handle(H5Dget_space(owner.id), failure)
            var count: hsize_t = 0
            try HDF5Library.check(H5Dget_num_chunks(owner.id, space.id, &count), failure)
            var origin = [hsize_t](repeating: 0, count: max(info.rank, 1))
            return try (0..<count).map { index in
                var mask: UInt32 = 0
                var address: haddr_t = 0
                var size: hsize_t = 0
                try HDF5Library.check(
                    H5Dget_chunk_info(owner.id, space.id, index, &origin, &mask, &address, &size), failure)
                return HDF5ChunkLocation(
                    origin: origin.prefix(info.rank).map { Int($0) }, filterMask: mask,
                    fileOffset: UInt64(address), storedSize: Int(size))
            }
        }
    }

    /// Reads the rows of `runs`, run after run, into `destination` in native byte order through
    /// the library (one hyperslab selection and `H5Dread` per run).
    func readRuns(_ runs: [RowRun], into destination: UnsafeMutableRawBufferPointer) throws {
        let failure: (String) -> HDF5Error = { .readFailed(file: self.file.path, dataset: self.info.path, detail: $0) }
        guard let memoryType else {
            throw HDF5Error.unreadableElements(file: file.path, dataset: info)
        }
        let totalRows = runs.reduce(0) { $0 + $1.count }
        precondition(
            destination.count >= totalRows * info.bytesPerRow, "the destination is too small for \(totalRows) rows")
        guard totalRows > 0 else { return }
        let rowElements = info.rowShape.reduce(1, *)
        guard rowElements > 0 else { return }
        // One H5Dread per run rather than one read of OR-ed hyperslabs: building the union costs
        // libhdf5 1.10 more than the reads (shuffled mnistlike, batch 128: 29 k → 62–72 k rows/s).
        try HDF5Library.call {
            let fileSpace = try HDF5Library.handle(H5Dget_space(owner.id), failure)
            let rowShape = info.rowShape.map { hsize_t($0) }
            var start = [hsize_t](repeating: 0, count: info.rank)
            var count = [hsize_t(0)] + rowShape
            var written = 0
            for run in runs {
                start[0] = hsize_t(run.start)
                count[0] = hsize_t(run.count)
                try HDF5Library.check(
                    H5Sselect_hyperslab(fileSpace.id, H5S_SELECT_SET, &start, nil, &count, nil), failure)
                var extent = [hsize_t(run.count * rowElements)]
                let memorySpace = try HDF5Library.handle(H5Screate_simple(1, &extent, nil), failure)
                try HDF5Library.check(
                    H5Dread(
                        owner.id, memoryType, memorySpace.id, fileSpace.id, bv_H5P_DEFAULT(),
                        destination.baseAddress! + written), failure)
                written += run.count * info.bytesPerRow
            }
        }
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
