import CHDF5

/// Reads raw (still filtered) chunks of a dataset through libhdf5 by their coordinates:
/// `H5Dget_chunk_storage_size` then `H5Dread_chunk`, each one B-tree lookup under the library's
/// lock. The direct chunked reader uses it for datasets of too many chunks to locate up front
/// (see ``ChunkStore``) and decodes what it returns on worker threads.
///
/// ```swift
/// let raw = LibraryRawChunkReader(dataset: dataset)
/// let (bytes, mask) = try raw.rawChunk(at: [64, 0, 0, 0])
/// ```
struct LibraryRawChunkReader: RawChunkReader {
    /// The open dataset the chunks belong to.
    let dataset: HDF5Dataset

    func rawChunk(at origin: [Int]) throws -> (bytes: [UInt8], filterMask: UInt32) {
        let failure: (String) -> HDF5Error = {
            .readFailed(file: dataset.filePath, dataset: dataset.info.path, detail: $0)
        }
        return try HDF5Library.call {
            var offset = origin.map { hsize_t($0) }
            var size: hsize_t = 0
            try HDF5Library.check(H5Dget_chunk_storage_size(dataset.handle, &offset, &size), failure)
            guard size > 0 else {
                throw HDF5Error.readFailed(
                    file: dataset.filePath, dataset: dataset.info.path,
                    detail: "the chunk at \(origin) was never written")
            }
            var bytes = [UInt8](repeating: 0, count: Int(size))
            var mask: UInt32 = 0
            try bytes.withUnsafeMutableBytes { buffer in
                try HDF5Library.check(
                    H5Dread_chunk(dataset.handle, bv_H5P_DEFAULT(), &offset, &mask, buffer.baseAddress),
                    failure)
            }
            return (bytes, mask)
        }
    }
}

extension HDF5Dataset {
    /// The number of chunks of a chunked dataset that were written (`H5Dget_num_chunks`, one pass
    /// over the chunk index); `nil` when the library cannot say.
    func allocatedChunkCount() -> Int? {
        HDF5Library.call {
            let space = H5Dget_space(handle)
            guard space >= 0 else {
                _ = HDF5Library.takeErrorMessage()
                return nil
            }
            defer { H5Sclose(space) }
            var count: hsize_t = 0
            guard H5Dget_num_chunks(handle, space, &count) >= 0 else {
                _ = HDF5Library.takeErrorMessage()
                return nil
            }
            return Int(count)
        }
    }
}
