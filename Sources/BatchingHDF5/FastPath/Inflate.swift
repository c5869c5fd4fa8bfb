import CZlib

/// zlib inflate of one HDF5 deflate-filtered chunk into a buffer the caller owns.
///
/// HDF5's deflate filter (filter id 1) stores each chunk as one complete zlib stream. Decoding it
/// here, rather than through `H5Dread`, lets many chunks inflate at once on worker threads, off
/// libhdf5's global lock.
///
/// ```swift
/// let written = try Inflate.decode(compressed, into: chunkBuffer)   // bytes written
/// ```
public enum Inflate {
    /// Inflates the zlib stream in `source` into `destination` and returns the number of bytes
    /// written.
    ///
    /// - Throws: ``FastPathError/corruptChunk(_:)`` when the stream is damaged or does not fit.
    public static func decode(_ source: UnsafeRawBufferPointer,
                              into destination: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let sourceBase = source.baseAddress, let destinationBase = destination.baseAddress else {
            throw FastPathError.corruptChunk("an empty deflate stream or an empty destination")
        }
        var written = 0
        let status = bv_inflate_whole(sourceBase, source.count, destinationBase, destination.count, &written)
        switch status {
        case Z_OK:
            return written
        case Z_BUF_ERROR:
            throw FastPathError.corruptChunk(
                "a deflate stream of \(source.count) bytes is truncated or inflates to more than \(destination.count) bytes")
        case Z_MEM_ERROR:
            throw FastPathError.corruptChunk("zlib ran out of memory inflating \(source.count) bytes")
        default:
            throw FastPathError.corruptChunk("a deflate stream of \(source.count) bytes is corrupt (zlib status \(status))")
        }
    }

    /// Inflates just enough of the zlib stream in `source` to fill `destination`, and no more.
    ///
    /// Reading one row near the start of a compressed chunk then costs a fraction of inflating the
    /// whole chunk.
    ///
    /// - Throws: ``FastPathError/corruptChunk(_:)`` when the stream is damaged or ends first.
    public static func decodePrefix(_ source: UnsafeRawBufferPointer,
                                    into destination: UnsafeMutableRawBufferPointer) throws {
        guard destination.count > 0 else { return }
        guard let sourceBase = source.baseAddress, let destinationBase = destination.baseAddress else {
            throw FastPathError.corruptChunk("an empty deflate stream")
        }
        var written = 0
        let status = bv_inflate_prefix(sourceBase, source.count, destinationBase, destination.count, &written)
        switch status {
        case Z_OK:
            return
        case Z_BUF_ERROR:
            throw FastPathError.corruptChunk(
                "a deflate stream of \(source.count) bytes ends after \(written) of the \(destination.count) bytes wanted")
        default:
            throw FastPathError.corruptChunk("a deflate stream of \(source.count) bytes is corrupt (zlib status \(status))")
        }
    }

    /// Compresses `source` as one zlib stream at `level` (0–9); the inverse of ``decode(_:into:)``.
    ///
    /// Used by tests to build deflated data independently of any HDF5 writer.
    public static func encode(_ source: UnsafeRawBufferPointer, level: Int32 = 6) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: bv_deflate_bound(source.count))
        var written = 0
        let status = out.withUnsafeMutableBytes { out in
            bv_deflate_whole(source.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, source.count,
                             out.baseAddress!, out.count, &written, level)
        }
        precondition(status == Z_OK, "compress2 failed with status \(status) although the buffer had compressBound bytes")
        out.removeLast(out.count - written)
        return out
    }
}
