/// Where the direct chunked reader gets a chunk's stored (still filtered) bytes.
///
/// Normally every chunk's file location is known, and chunks are read with `pread` entirely off
/// libhdf5's lock. Learning those locations is quadratic in libhdf5 1.10 (see
/// ``HDF5Dataset/chunkLocationsByCoordinate()``), so for datasets of many chunks the reader asks
/// the library for each raw chunk instead (`H5Dread_chunk`, one B-tree lookup and a copy under
/// the lock) and still inflates and unshuffles on worker threads.
public enum ChunkStore: Sendable {
    /// Every chunk's location in the file, in chunk-number order.
    case located([ChunkLocation])
    /// Raw chunks read through libhdf5 by their coordinates.
    case library(RawChunkReader)
}

/// Reads one chunk's stored bytes (still compressed and shuffled) through libhdf5.
public protocol RawChunkReader: Sendable {
    /// The stored bytes of the chunk whose first element is at `origin`, and its filter mask.
    func rawChunk(at origin: [Int]) throws -> (bytes: [UInt8], filterMask: UInt32)
}
