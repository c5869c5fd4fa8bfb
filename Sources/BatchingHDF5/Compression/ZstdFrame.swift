import CZstd

/// A Zstandard frame as the Zstd HDF5 filter (32015) stores a chunk: one frame that states its
/// decoded size, decoded by libzstd. Both the filter batchview registers with libhdf5
/// (``HDF5ZstdFilter``) and the direct path (``ChunkCodec/zstd``) decode through here.
enum ZstdFrame {
    /// The decoded size the frame in `stored` states; `nil` when it is no frame, states none, or
    /// states more than a chunk can hold.
    static func statedSize(_ stored: UnsafeRawBufferPointer) -> Int? {
        guard let source = stored.baseAddress else { return nil }
        let size = ZSTD_getFrameContentSize(source, stored.count)
        guard size != bv_ZSTD_CONTENTSIZE_ERROR(), size != bv_ZSTD_CONTENTSIZE_UNKNOWN(), size > 0,
            size <= HDF5StoredShape.largestChunkBytes
        else { return nil }
        return Int(size)
    }

    /// Decodes the frame in `stored` into all of `target`.
    ///
    /// - Throws: ``ChunkCodecError`` unless the frame states and decodes to exactly `target.count`
    ///   bytes.
    static func decode(_ stored: UnsafeRawBufferPointer, exactlyInto target: UnsafeMutableRawBufferPointer) throws {
        guard let size = statedSize(stored) else {
            throw ChunkCodecError("the Zstandard chunk is not a frame that states its decoded size")
        }
        guard size == target.count, let source = stored.baseAddress, let out = target.baseAddress else {
            throw ChunkCodecError("the Zstandard chunk states \(size) decoded bytes, not the chunk's \(target.count)")
        }
        let written = ZSTD_decompress(out, target.count, source, stored.count)
        guard ZSTD_isError(written) == 0 else {
            throw ChunkCodecError(
                "the Zstandard chunk does not decode (libzstd: \(String(cString: ZSTD_getErrorName(written))))")
        }
        guard written == target.count else {
            throw ChunkCodecError("the Zstandard chunk decodes to \(written) bytes, not the \(target.count) it states")
        }
    }
}
