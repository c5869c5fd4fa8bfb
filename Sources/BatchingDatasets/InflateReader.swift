import BatchingHDF5

/// Decompresses a gzip or zlib stream read from another ``ByteReader``, as it is read.
///
/// Large archives (the STL-10 tarball inflates to 3 GB) never sit in memory whole: each `read`
/// inflates only as much as the caller asks for, through an ``Inflater`` fed from `source`.
final class InflateReader: ByteReader {
    let path: String
    private let source: ByteReader
    private let inflater: Inflater
    /// The compressed bytes last read from `source`, which zlib reads in place.
    private let input: UnsafeMutableRawBufferPointer
    /// Compressed bytes still allowed to be taken from `source` (nil: until its end).
    private var compressedRemaining: Int?

    /// How many of the `compressedLength` bytes have not been taken from the source yet.
    var unreadCompressedBytes: Int { compressedRemaining ?? 0 }

    /// Wraps `source`, whose stream has `framing`; `compressedLength` bounds how many of its
    /// bytes belong to the stream.
    init(_ source: ByteReader, framing: DeflateFraming, compressedLength: Int? = nil) throws {
        self.source = source
        path = source.path
        compressedRemaining = compressedLength
        do {
            inflater = try Inflater(framing: framing)
        } catch {
            throw DatasetError.corruptCompressed(path: source.path, detail: error.description)
        }
        input = .allocate(byteCount: 1 << 16, alignment: 8)
    }

    deinit {
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        do {
            return try inflater.inflate(into: buffer, refill: refill)
        } catch let error as InflateError {
            if case .truncated = error { throw DatasetError.truncated(path: path, detail: error.description) }
            throw DatasetError.corruptCompressed(path: path, detail: error.description)
        }
    }

    /// The next compressed bytes of the stream from `source`; empty at its end.
    private func refill() throws -> UnsafeRawBufferPointer {
        let limit = min(input.count, compressedRemaining ?? input.count)
        let n = limit == 0 ? 0 : try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[0..<limit]))
        compressedRemaining = compressedRemaining.map { $0 - n }
        return UnsafeRawBufferPointer(rebasing: input[0..<n])
    }
}

/// Opens `path` for reading, inflating it on the fly when it starts with the gzip magic bytes.
func openPossiblyGzipped(_ path: String) throws -> ByteReader {
    let head = try FileByteReader(path: path).readUpTo(2)
    let file = try FileByteReader(path: path)
    return head == [0x1f, 0x8b] ? try InflateReader(file, framing: .gzip) : file
}
