import BatchingHDF5
import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

/// The dataset readers' streaming inflate: `.gz` files and bounded zlib elements, and the
/// sentences their damage gives.
@Suite struct InflateReaderTests {
    private func file(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = try FixturePaths.temporaryDirectory("inflate-reader").appendingPathComponent(name)
        try OriginalFormatWriter.write(bytes, to: url)
        return url.path
    }

    private func readAll(_ reader: ByteReader, step: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: step)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if n == 0 { return out }
            out += buffer.prefix(n)
        }
    }

    @Test(arguments: [1, 3, 70_000])
    func readsConcatenatedMembersInAnyStep(step: Int) throws {
        let first = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let second = Array("and a second member".utf8)
        let path = try file(OriginalFormatWriter.gzip(first) + OriginalFormatWriter.gzip(second), "members.gz")
        #expect(try readAll(openPossiblyGzipped(path), step: step) == first + second)
    }

    @Test func aBoundedZlibStreamLeavesTheBytesAfterIt() throws {
        let z = Deflater.compress(Array("element".utf8))
        let path = try file(z + [9, 9, 9], "element.bin")
        let source = try FileByteReader(path: path)
        let reader = try InflateReader(source, framing: .zlib, compressedLength: z.count)
        #expect(try readAll(reader, step: 4) == Array("element".utf8))
        #expect(reader.unreadCompressedBytes == 0)
        #expect(try source.readUpTo(3) == [9, 9, 9])
    }

    @Test func aTruncatedGzipFileSaysWhereItStops() throws {
        let gz = OriginalFormatWriter.gzip(OriginalFormatWriter.idxImages(count: 20))
        let path = try file(Array(gz.prefix(100)), "short.gz")
        #expect {
            _ = try readAll(openPossiblyGzipped(path), step: 4096)
        } throws: { error in
            guard case DatasetError.truncated(path, _) = error else { return false }
            return "\(error)".hasPrefix("\(path) is truncated (the gzip stream stops after 100 compressed bytes")
                && "\(error)".hasSuffix("before its end); download it again")
        }
    }

    @Test func aCorruptGzipFileSaysZlibsReason() throws {
        var gz = OriginalFormatWriter.gzip(Array("hello".utf8))
        gz[3] = 0xE0 // reserved flag bits set
        let path = try file(gz, "flags.gz")
        #expect {
            _ = try readAll(openPossiblyGzipped(path), step: 64)
        } throws: { error in
            guard case DatasetError.corruptCompressed(path, _) = error else { return false }
            return "\(error)" == "\(path) is damaged: its compressed data cannot be decoded "
                + "(the gzip stream is corrupt after 4 compressed bytes (zlib: unknown header flags set)); download it again"
        }
    }
}
