import CHDF5

/// A dataset open in libhdf5, and every library call ``HDF5Dataset`` and the direct reader's
/// fallbacks make on it: its description, where its bytes are, runs of rows read with
/// hyperslabs, raw chunks read by coordinates.
///
/// ```swift
/// let open = try HDF5OpenDataset(file: file.owner, filePath: file.path, path: "images") { file.datasetPaths }
/// open.info.shape                // [500, 28, 28]
/// open.contiguousFileOffset()    // 2048
/// ```
struct HDF5OpenDataset: Sendable {
    /// Shape, element type, layout, chunks, filters and attributes.
    let info: HDF5DatasetInfo
    /// The path of the file the dataset lives in, for messages.
    let filePath: String
    /// Where its bytes lie, checked against its grid and the file (damage is refused here, for
    /// every read path).
    let stored: HDF5StoredBytes
    private let owner: HDF5Handle
    /// The libhdf5 memory type rows are read as (native byte order), when numeric.
    private let memoryType: hid_t?
    private let ownedMemoryType: HDF5Handle?

    /// Opens the dataset at `path` of the open file `file`; `available` lists the file's datasets
    /// for the message when there is none at `path`.
    init(file: HDF5Handle, filePath: String, path: String, available: () -> [String]) throws {
        self.filePath = filePath
        let name = path.isEmpty ? "/" : path
        var id = HDF5Library.call { H5Dopen2(file.id, name, bv_H5P_DEFAULT()) }
        guard id >= 0 else {
            _ = HDF5Library.takeErrorMessage()
            throw HDF5Error.noSuchDataset(file: filePath, dataset: path, available: available())
        }
        var description = try HDF5DatasetDescriber.describe(id, path: path, file: filePath)
        if let cacheBytes = Self.chunkCacheBytes(for: description) {
            // Reopen with a chunk cache that holds two chunks: the library's 1 MiB default holds
            // none of a bigger chunk, so every run of a batch would inflate its chunk again
            // (3 MiB gzip chunks, shuffled batches of 128: 35 rows/s with the default, 180 with two chunks;
            // h5py's one-read union: 148).
            // The cache belongs to the library's shared dataset object, so close before reopening.
            let failure: (String) -> HDF5Error = { .readFailed(file: filePath, dataset: path, detail: $0) }
            let access = try HDF5Library.handle(H5Pcreate(bv_H5P_DATASET_ACCESS()), failure)
            try HDF5Library.check(H5Pset_chunk_cache(access.id, 12_421, cacheBytes, 0.75), failure)
            H5Oclose(id)
            id = H5Dopen2(file.id, name, access.id)
            guard id >= 0 else { throw failure(HDF5Library.takeErrorMessage() ?? "it could not be reopened") }
            description = try HDF5DatasetDescriber.describe(id, path: path, file: filePath)
        }
        owner = HDF5Handle(id)
        info = description
        stored = try HDF5Library.call {
            try HDF5StoredBytes(dataset: id, info: description, filePath: filePath, file: file.id)
        }
        let type = try HDF5Library.handle(H5Dget_type(id)) { .readFailed(file: filePath, dataset: path, detail: $0) }
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

    /// The raw libhdf5 identifier, for the other readers in this folder (valid while this value
    /// lives).
    var id: hid_t { owner.id }

    private func failure(_ detail: String) -> HDF5Error {
        .readFailed(file: filePath, dataset: info.path, detail: detail)
    }

    /// Where the dataset's bytes start in the file, for a contiguous dataset whose storage is
    /// allocated; `nil` otherwise.
    func contiguousFileOffset() -> UInt64? {
        guard info.layout == .contiguous else { return nil }
        let offset = HDF5Library.call { H5Dget_offset(owner.id) }
        _ = HDF5Library.takeErrorMessage()
        return offset == bv_HADDR_UNDEF() ? nil : UInt64(offset)
    }

    /// The file location of every allocated chunk, in the library's index order; empty for
    /// layouts other than chunked.
    func chunkLocations() throws -> [HDF5ChunkLocation] {
        guard info.layout == .chunked else { return [] }
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
                // Origins and sizes come from the chunk index: clamp instead of trapping on an
                // absurd one (the grid and the file-size check refuse such chunks).
                return HDF5ChunkLocation(
                    origin: origin.prefix(info.rank).map { Int(clamping: $0) }, filterMask: mask,
                    fileOffset: stored.base &+ UInt64(address), storedSize: Int(clamping: size))
            }
        }
    }

    /// The number of chunks that were written (`H5Dget_num_chunks`, one pass over the chunk
    /// index); `nil` when the library cannot say.
    func allocatedChunkCount() -> Int? {
        HDF5Library.call {
            let space = H5Dget_space(owner.id)
            guard space >= 0 else {
                _ = HDF5Library.takeErrorMessage()
                return nil
            }
            defer { H5Sclose(space) }
            var count: hsize_t = 0
            guard H5Dget_num_chunks(owner.id, space, &count) >= 0 else {
                _ = HDF5Library.takeErrorMessage()
                return nil
            }
            return Int(clamping: count)
        }
    }

    /// Reads the rows of `runs`, run after run, into `destination` (room for all of them) in
    /// native byte order: one hyperslab selection and `H5Dread` per run.
    func readRuns(_ runs: [RowRun], into destination: UnsafeMutableRawBufferPointer) throws {
        guard let memoryType else { throw HDF5Error.unreadableElements(file: filePath, dataset: info) }
        let rowElements = info.rowShape.reduce(1, *)
        // No rows or empty rows: nothing to read, and `destination` may have no address.
        guard runs.contains(where: { $0.count > 0 }), rowElements > 0, let base = destination.baseAddress else {
            return
        }
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
                    H5Dread(owner.id, memoryType, memorySpace.id, fileSpace.id, bv_H5P_DEFAULT(), base + written),
                    failure)
                written += run.count * info.bytesPerRow
            }
        }
    }

    /// The raw (still filtered) chunk whose first element is `origin` and its filter mask:
    /// `H5Dget_chunk_storage_size` then `H5Dread_chunk`.
    func rawChunk(at origin: [Int]) throws -> (bytes: [UInt8], filterMask: UInt32) {
        try HDF5Library.call {
            var offset = origin.map { hsize_t($0) }
            var size: hsize_t = 0
            try HDF5Library.check(H5Dget_chunk_storage_size(owner.id, &offset, &size), failure)
            guard size > 0 else { throw failure("the chunk at \(origin) was never written") }
            guard size <= HDF5StoredShape.largestChunkBytes else {
                throw failure("the chunk at \(origin) claims \(size) stored bytes, more than HDF5 can store")
            }
            var bytes = [UInt8](repeating: 0, count: Int(size))
            var mask: UInt32 = 0
            try bytes.withUnsafeMutableBytes { buffer in
                try HDF5Library.check(
                    H5Dread_chunk(owner.id, bv_H5P_DEFAULT(), &offset, &mask, buffer.baseAddress), failure)
            }
            return (bytes, mask)
        }
    }
}
