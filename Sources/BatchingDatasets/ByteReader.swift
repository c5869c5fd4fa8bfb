/// A sequential source of bytes: a file, or a decompressed stream on top of another reader.
///
/// The dataset readers only ever read forward, so a plain file, a gzip stream and a member of a
/// tar archive look the same to them. `path` names the file in error messages.
protocol ByteReader: AnyObject {
    /// The file these bytes come from, for error messages.
    var path: String { get }
    /// Reads up to `buffer.count` bytes; returns 0 only at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteReader {
    /// Fills `buffer` completely, or throws ``DatasetError/truncated(path:detail:)`` naming `what`.
    func readExactly(into buffer: UnsafeMutableRawBufferPointer, what: String) throws {
        var filled = 0
        while filled < buffer.count {
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if n == 0 {
                throw DatasetError.truncated(
                    path: path, detail: "\(what) needs \(buffer.count) bytes but only \(filled) remain")
            }
            filled += n
        }
    }

    /// Reads exactly `count` bytes into a new array.
    func readBytes(_ count: Int, what: String) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { try readExactly(into: $0, what: what) }
        return bytes
    }

    /// Reads up to `count` bytes, fewer only at the end of the stream.
    func readUpTo(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        try bytes.withUnsafeMutableBytes { raw in
            while filled < count {
                let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                if n == 0 { break }
                filled += n
            }
        }
        return Array(bytes[0..<filled])
    }

    /// Reads and discards exactly `count` bytes.
    func skip(_ count: Int, what: String) throws {
        var remaining = count
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: min(max(count, 1), 1 << 20), alignment: 8)
        defer { scratch.deallocate() }
        while remaining > 0 {
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<min(remaining, scratch.count)]))
            if n == 0 {
                throw DatasetError.truncated(
                    path: path, detail: "\(what) needs \(count) bytes but only \(count - remaining) remain")
            }
            remaining -= n
        }
    }
}
