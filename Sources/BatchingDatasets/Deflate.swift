import CZlib

/// Compresses bytes into a gzip or zlib stream — the inverse of ``InflateReader``.
///
/// Used to write test files in the real formats (`.gz` IDX files, compressed MATLAB elements).
enum Deflate {
    /// `bytes` compressed as one gzip (`framing: .gzip`) or zlib (`.zlib`) stream.
    static func compress(_ bytes: [UInt8], framing: InflateReader.Framing, level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        let windowBits: Int32 = framing == .gzip ? 16 + 15 : 15
        precondition(bv_deflate_init2(&stream, level, windowBits) == Z_OK, "zlib could not start deflating")
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            out.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "deflate did not finish (\(status))")
        return Array(out[0..<Int(stream.total_out)])
    }
}
