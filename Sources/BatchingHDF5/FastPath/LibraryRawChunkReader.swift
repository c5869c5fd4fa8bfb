/// Reads raw (still filtered) chunks of a dataset through libhdf5 by their coordinates:
/// `H5Dget_chunk_storage_size` then `H5Dread_chunk` (``HDF5OpenDataset/rawChunk(at:)``), each
/// one B-tree lookup under the library's lock. The direct chunked reader uses it for datasets of
/// too many chunks to locate up front (see ``ChunkStore``) and decodes what it returns on worker
/// threads.
///
/// ```swift
/// let raw = LibraryRawChunkReader(dataset: dataset)
/// let (bytes, mask) = try raw.rawChunk(at: [64, 0, 0, 0])
/// ```
struct LibraryRawChunkReader: RawChunkReader {
    /// The open dataset the chunks belong to.
    let dataset: HDF5Dataset

    func rawChunk(at origin: [Int]) throws -> (bytes: [UInt8], filterMask: UInt32) {
        try dataset.library.rawChunk(at: origin)
    }
}

extension HDF5Dataset {
    /// The number of chunks of a chunked dataset that were written (`H5Dget_num_chunks`, one pass
    /// over the chunk index); `nil` when the library cannot say.
    func allocatedChunkCount() -> Int? {
        library.allocatedChunkCount()
    }
}
