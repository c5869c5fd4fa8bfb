/// Walks the members of a tar archive (ustar, GNU or pax) read from a ``ByteReader``, in order.
///
/// Only regular files are handed out; the archive is never extracted to disk, so a gzipped
/// tarball is read in one streaming pass.
final class TarReader {
    private let source: ByteReader
    private var pendingLongName: String?

    init(_ source: ByteReader) { self.source = source }

    /// Calls `visit` with each regular file's name, size and a reader bounded to its bytes;
    /// whatever `visit` leaves unread is skipped. Returning `false` stops the walk.
    func forEachFile(_ visit: (_ name: String, _ size: Int, _ reader: ByteReader) throws -> Bool) throws {
        var sawHeader = false
        while true {
            let header = try source.readUpTo(512)
            if header.isEmpty && sawHeader { return }
            guard header.count == 512 else {
                if !sawHeader {
                    throw DatasetError.wrongFormat(
                        path: source.path, expected: "a tar archive", detail: "it is shorter than one tar header")
                }
                throw DatasetError.truncated(path: source.path, detail: "the archive stops inside a tar header")
            }
            if header.allSatisfy({ $0 == 0 }) { return }
            guard Self.checksumMatches(header) else {
                throw sawHeader
                    ? DatasetError.truncated(path: source.path, detail: "a tar header is damaged")
                    : DatasetError.wrongFormat(
                        path: source.path, expected: "a tar archive", detail: "its first 512 bytes are not a tar header"
                    )
            }
            sawHeader = true
            let size = Self.number(header[124..<136])
            let type = header[156]
            let padded = (size + 511) / 512 * 512
            let member = BoundedReader(source, length: size)
            switch type {
            case UInt8(ascii: "L"): // GNU long name for the next member
                pendingLongName = Self.string(try member.readBytes(size, what: "a long tar member name")[...])
            case UInt8(ascii: "x"): // POSIX (pax) extended header: "LEN key=value\n" records
                let records = String(decoding: try member.readBytes(size, what: "a pax header"), as: UTF8.self)
                for record in records.split(separator: "\n") {
                    guard let space = record.firstIndex(of: " ") else { continue }
                    let field = record[record.index(after: space)...]
                    if field.hasPrefix("path=") { pendingLongName = String(field.dropFirst(5)) }
                }
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
                let name = pendingLongName ?? Self.name(header)
                pendingLongName = nil
                if try !visit(name, size, member) { return }
            default:
                pendingLongName = nil
            }
            try member.skipRest()
            try source.skip(padded - size, what: "tar padding")
        }
    }

    private static func checksumMatches(_ header: [UInt8]) -> Bool {
        let stored = number(header[148..<156])
        var sum = 0
        for (i, byte) in header.enumerated() { sum += (148..<156).contains(i) ? 32 : Int(byte) }
        return stored == sum
    }

    private static func name(_ header: [UInt8]) -> String {
        let base = string(header[0..<100])
        let isUstar = header[257..<262].elementsEqual("ustar".utf8)
        let prefix = isUstar ? string(header[345..<500]) : ""
        return prefix.isEmpty ? base : prefix + "/" + base
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal field, or GNU's base-256 form (high bit set) for sizes of 8 GiB and more.
    private static func number(_ field: ArraySlice<UInt8>) -> Int {
        if let first = field.first, first & 0x80 != 0 {
            return field.dropFirst().reduce(Int(first & 0x7f)) { $0 << 8 | Int($1) }
        }
        var value = 0
        for byte in field {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7") {
                value = value * 8 + Int(byte - UInt8(ascii: "0"))
            } else if byte == 0 || byte == UInt8(ascii: " ") {
                if value > 0 { break }
            }
        }
        return value
    }
}

/// The next `length` bytes of another reader, as a reader of its own.
final class BoundedReader: ByteReader {
    let path: String
    private let source: ByteReader
    private(set) var remaining: Int

    init(_ source: ByteReader, length: Int) {
        self.source = source
        path = source.path
        remaining = length
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard remaining > 0, buffer.count > 0 else { return 0 }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, remaining)]))
        if n == 0 { throw DatasetError.truncated(path: path, detail: "the archive stops inside a member") }
        remaining -= n
        return n
    }

    /// Skips whatever has not been read.
    func skipRest() throws {
        if remaining > 0 { try source.skip(remaining, what: "the rest of an archive member") }
        remaining = 0
    }
}
