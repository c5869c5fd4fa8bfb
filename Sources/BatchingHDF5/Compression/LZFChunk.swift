import CLzf
import Foundation

/// A chunk as h5py's LZF HDF5 filter (32000) stores it: bare LZF data, decoded by liblzf (whose
/// decoder checks every read and write against the buffers' sizes).
enum LZFChunk {
    /// Decodes the LZF data in `stored` into all of `target`.
    ///
    /// - Throws: ``ChunkCodecError`` unless the data decodes to exactly `target.count` bytes.
    static func decode(_ stored: UnsafeRawBufferPointer, exactlyInto target: UnsafeMutableRawBufferPointer) throws {
        guard let source = stored.baseAddress, let out = target.baseAddress, stored.count <= UInt32.max,
            target.count <= UInt32.max
        else { throw ChunkCodecError("the LZF chunk holds \(stored.count) bytes, which liblzf cannot take") }
        errno = 0
        let written = Int(lzf_decompress(source, UInt32(stored.count), out, UInt32(target.count)))
        if written == 0 {
            throw ChunkCodecError(
                errno == E2BIG
                    ? "the LZF chunk decodes to more than the chunk's \(target.count) bytes"
                    : "the LZF chunk is not valid LZF data")
        }
        guard written == target.count else {
            throw ChunkCodecError("the LZF chunk decodes to \(written) bytes, not the chunk's \(target.count)")
        }
    }
}
