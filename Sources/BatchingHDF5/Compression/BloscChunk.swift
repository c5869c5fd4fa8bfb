import CBlosc

/// A chunk as the Blosc HDF5 filter (32001) stores it: one Blosc 1 buffer, whose own header
/// states its decoded and stored sizes and its compressor, shuffle and block size; decoded by
/// libblosc's context function, which takes no global lock and needs no `blosc_init`.
enum BloscChunk {
    /// Decodes the buffer in `stored` into all of `target`.
    ///
    /// - Throws: ``ChunkCodecError`` when the header does not describe exactly `stored`'s bytes
    ///   (libblosc's own check, which makes decoding safe to attempt), states another decoded
    ///   size than `target.count`, or the buffer does not decode to it.
    static func decode(_ stored: UnsafeRawBufferPointer, exactlyInto target: UnsafeMutableRawBufferPointer) throws {
        var statedSize = 0
        guard let source = stored.baseAddress, let out = target.baseAddress,
            blosc_cbuffer_validate(source, stored.count, &statedSize) == 0
        else {
            throw ChunkCodecError("the Blosc chunk's header does not describe its \(stored.count) stored bytes")
        }
        guard statedSize == target.count else {
            throw ChunkCodecError("the Blosc chunk states \(statedSize) decoded bytes, not the chunk's \(target.count)")
        }
        let written = blosc_decompress_ctx(source, out, target.count, 1)
        guard written == target.count else {
            let compressor = blosc_cbuffer_complib(source).map { String(cString: $0) } ?? "an unknown compressor"
            throw ChunkCodecError(
                "the Blosc chunk (\(compressor)) does not decode to its \(target.count) bytes (libblosc: \(written))")
        }
    }
}
