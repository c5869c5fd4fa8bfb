import CLz4

/// The framing of the LZ4 HDF5 filter (32004, `H5Zlz4.c` as HDF Group's plugins, Debian's
/// `hdf5-filter-plugin` and `hdf5plugin.LZ4()` have it), its blocks decoded by liblz4.
///
/// A chunk is a 12-byte header — the decoded size (8 bytes) and the block size (4 bytes), both
/// big endian — then the blocks in order, each a 4-byte big-endian stored size and that many
/// bytes: LZ4-compressed, or the block's bytes as they are when the stored size equals the
/// block's decoded size (compression did not shrink it). Every block decodes to the block size
/// (at most the decoded size) but the last, which holds the rest. Bytes after the last block are
/// ignored, as the plugin ignores them.
///
/// Debian's plugin decodes a block with `LZ4_decompress_fast` (its output size given) and checks
/// the bytes it consumed; `LZ4_decompress_safe` (its input size given) checks the bytes it
/// produced. On a block that lies inside the stored bytes both decode the same sequences, so they
/// agree on the bytes and on the verdict; only the safe one never reads past the stored bytes.
enum LZ4FilterFraming {
    /// Decodes the chunk in `stored` into all of `target`.
    ///
    /// - Throws: ``ChunkCodecError`` when the header states another size than `target.count` or
    ///   a block size of 0, a block lies past the stored bytes, or a block does not decode to
    ///   exactly its size.
    static func decode(_ stored: UnsafeRawBufferPointer, exactlyInto target: UnsafeMutableRawBufferPointer) throws {
        guard stored.count >= 12, let source = stored.baseAddress, let out = target.baseAddress else {
            throw ChunkCodecError("the LZ4 chunk holds \(stored.count) bytes, too few for its 12-byte header")
        }
        let decodedSize = bigEndian(UInt64.self, stored, at: 0)
        guard decodedSize == UInt64(target.count) else {
            throw ChunkCodecError("the LZ4 chunk states \(decodedSize) decoded bytes, not the chunk's \(target.count)")
        }
        let blockSize = Int(min(UInt64(bigEndian(UInt32.self, stored, at: 8)), decodedSize))
        guard blockSize > 0 else { throw ChunkCodecError("the LZ4 chunk states a block size of 0") }
        var readAt = 12
        var written = 0
        while written < target.count {
            let size = min(blockSize, target.count - written)
            guard stored.count - readAt >= 4 else {
                throw ChunkCodecError("the LZ4 chunk ends after \(written) decoded bytes, before its last block")
            }
            let storedSize = Int(bigEndian(UInt32.self, stored, at: readAt))
            readAt += 4
            guard storedSize <= stored.count - readAt else {
                throw ChunkCodecError(
                    "the LZ4 chunk's block at byte \(readAt - 4) states \(storedSize) bytes, more than the \(stored.count - readAt) left"
                )
            }
            if storedSize == size {
                (out + written).copyMemory(from: source + readAt, byteCount: size)
            } else {
                guard size <= Int32.max,
                    LZ4_decompress_safe(
                        (source + readAt).assumingMemoryBound(to: CChar.self),
                        (out + written).assumingMemoryBound(to: CChar.self), Int32(storedSize), Int32(size)) == size
                else {
                    throw ChunkCodecError(
                        "the LZ4 chunk's block at byte \(readAt - 4) does not decode to its \(size) bytes")
                }
            }
            readAt += storedSize
            written += size
        }
    }

    /// The big-endian integer at byte `offset` of `bytes` (which holds it whole).
    private static func bigEndian<T: FixedWidthInteger>(_: T.Type, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> T
    {
        T(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
