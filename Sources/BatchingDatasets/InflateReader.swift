import CZlib

/// Decompresses a gzip or zlib stream read from another ``ByteReader``, as it is read.
///
/// Large archives (the STL-10 tarball inflates to 3 GB) never sit in memory whole: each `read`
/// inflates only as much as the caller asks for.
final class InflateReader: ByteReader {
    /// Which header the compressed stream starts with.
    enum Framing {
        /// RFC 1952 gzip (`.gz` files).
        case gzip
        /// RFC 1950 zlib (MATLAB's compressed elements).
        case zlib
    }

    let path: String
    private let source: ByteReader
    private let framing: Framing
    private var stream = z_stream()
    private let input: UnsafeMutableRawBufferPointer
    private var finished = false
    /// Compressed bytes still allowed to be taken from `source` (nil: until its end).
    private var compressedRemaining: Int?

    /// How many of the `compressedLength` bytes have not been taken from the source yet.
    var unreadCompressedBytes: Int { compressedRemaining ?? 0 }

    /// Wraps `source`; `compressedLength` bounds how many of its bytes belong to the stream.
    init(_ source: ByteReader, framing: Framing, compressedLength: Int? = nil) throws {
        self.source = source
        self.framing = framing
        path = source.path
        compressedRemaining = compressedLength
        input = .allocate(byteCount: 1 << 16, alignment: 8)
        let windowBits: Int32 = framing == .gzip ? 16 + 15 : 15
        guard bv_inflate_init2(&stream, windowBits) == Z_OK else {
            input.deallocate()
            throw DatasetError.corruptCompressed(path: path, detail: "zlib could not start")
        }
    }

    /// Makes sure compressed input is waiting; false when the source has no more.
    private func refillInput() throws -> Bool {
        if stream.avail_in > 0 { return true }
        let limit = min(input.count, compressedRemaining ?? input.count)
        let n = limit == 0 ? 0 : try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[0..<limit]))
        guard n > 0 else { return false }
        compressedRemaining = compressedRemaining.map { $0 - n }
        stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = UInt32(n)
        return true
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        let wanted = Int(stream.avail_out)
        while stream.avail_out > 0 {
            if stream.avail_in == 0, try !refillInput() {
                throw DatasetError.truncated(path: path, detail: "the compressed stream stops before its end")
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                // gzip allows several members one after another (`cat a.gz b.gz`); go on to the next.
                if framing == .gzip, try refillInput() {
                    inflateReset(&stream)
                    continue
                }
                finished = true
                break
            }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw DatasetError.corruptCompressed(path: path, detail: message)
            }
        }
        return wanted - Int(stream.avail_out)
    }
}

/// Opens `path` for reading, inflating it on the fly when it starts with the gzip magic bytes.
func openPossiblyGzipped(_ path: String) throws -> ByteReader {
    let head = try FileByteReader(path: path).readUpTo(2)
    let file = try FileByteReader(path: path)
    return head == [0x1f, 0x8b] ? try InflateReader(file, framing: .gzip) : file
}
