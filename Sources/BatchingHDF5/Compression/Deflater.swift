import CZlib

/// Compresses bytes into one zlib or gzip stream — the inverse of ``Inflater``.
///
/// The readers never compress; this writes test data in the real formats (deflated HDF5 chunks,
/// `.gz` IDX files, compressed MATLAB elements) without a third-party writer.
///
/// ```swift
/// let gz = Deflater.compress(Array("hello".utf8), framing: .gzip)   // 1f 8b …
/// ```
public enum Deflater {
    /// `bytes` compressed at `level` (0–9) as one stream with `framing`.
    public static func compress(
        _ bytes: UnsafeRawBufferPointer, framing: DeflateFraming = .zlib,
        level: Int32 = 6
    ) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        // The bytes are the program's own (test data, imported arrays), never a file's; zlib only
        // fails to start or finish here when out of memory or given more than 4 GiB.
        precondition(bv_deflate_init2(stream, level, framing.windowBits) == Z_OK, "zlib could not start deflating")
        defer { deflateEnd(stream) }
        precondition(bytes.count <= Int(UInt32.max), "Deflater compresses at most 4 GiB at once")
        var out = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(bytes.count))) + 32)
        let status = out.withUnsafeMutableBufferPointer { outBuffer in
            stream.pointee.next_in = UnsafeMutablePointer(
                mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = UInt32(bytes.count)
            stream.pointee.next_out = outBuffer.baseAddress
            stream.pointee.avail_out = UInt32(outBuffer.count)
            return deflate(stream, Z_FINISH)
        }
        precondition(
            status == Z_STREAM_END, "deflate did not finish (status \(status)) although it had deflateBound bytes")
        out.removeLast(out.count - Int(stream.pointee.total_out))
        return out
    }

    /// `bytes` compressed at `level` (0–9) as one stream with `framing`.
    public static func compress(_ bytes: [UInt8], framing: DeflateFraming = .zlib, level: Int32 = 6) -> [UInt8] {
        bytes.withUnsafeBytes { compress($0, framing: framing, level: level) }
    }
}
