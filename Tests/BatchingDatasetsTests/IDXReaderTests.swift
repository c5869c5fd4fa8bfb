import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

@Suite struct IDXReaderTests {
    @Test func readsPlainAndGzippedUInt8Images() throws {
        let folder = try FixturePaths.temporaryDirectory("idx")
        let bytes = OriginalFormatWriter.idxImages(count: 3, rows: 4, cols: 5)
        try OriginalFormatWriter.write(bytes, to: folder.appendingPathComponent("plain"))
        try OriginalFormatWriter.write(OriginalFormatWriter.gzip(bytes), to: folder.appendingPathComponent("packed.gz"))
        for name in ["plain", "packed.gz"] {
            let tensor = try IDXReader.read(path: folder.appendingPathComponent(name).path)
            #expect(tensor.dtype == .uint8)
            #expect(tensor.shape == [3, 4, 5])
            let values = tensor.scalars(as: UInt8.self)
            #expect(values[2 * 20 + 3 * 5 + 4] == OriginalFormatWriter.pixel(2, 3, 4, 0))
            #expect(values == Array(bytes.dropFirst(16)))
        }
    }

    @Test func readsAGzipFileOfSeveralMembers() throws {
        let url = try FixturePaths.temporaryDirectory("idx-members").appendingPathComponent("two.gz")
        let bytes = OriginalFormatWriter.idxImages(count: 4, rows: 3, cols: 3)
        try OriginalFormatWriter.write(
            OriginalFormatWriter.gzip(Array(bytes[0..<25])) + OriginalFormatWriter.gzip(Array(bytes[25...])), to: url)
        #expect(try IDXReader.read(path: url.path).scalars(as: UInt8.self) == Array(bytes.dropFirst(16)))
    }

    @Test func convertsBigEndianElements() throws {
        let folder = try FixturePaths.temporaryDirectory("idx-int")
        // int32 [2] = 258, -2 ; float32 [1] = 1.5
        let ints = OriginalFormatWriter.idx(typeCode: 0x0C, shape: [2], payload: [0, 0, 1, 2, 0xff, 0xff, 0xff, 0xfe])
        let floats = OriginalFormatWriter.idx(typeCode: 0x0D, shape: [1], payload: [0x3f, 0xc0, 0, 0])
        try OriginalFormatWriter.write(ints, to: folder.appendingPathComponent("ints"))
        try OriginalFormatWriter.write(floats, to: folder.appendingPathComponent("floats"))
        #expect(
            try IDXReader.read(path: folder.appendingPathComponent("ints").path).scalars(as: Int32.self) == [258, -2])
        #expect(try IDXReader.read(path: folder.appendingPathComponent("floats").path).scalars(as: Float.self) == [1.5])
    }

    @Test func refusesAWrongMagicNumber() throws {
        let url = try FixturePaths.temporaryDirectory("idx-bad").appendingPathComponent("notidx")
        try OriginalFormatWriter.write(Array("hello, world".utf8), to: url)
        #expect {
            try IDXReader.read(path: url.path)
        } throws: { error in
            guard case DatasetError.wrongFormat(let path, let expected, _) = error else { return false }
            return path == url.path && expected == "an IDX file" && "\(error)".contains("not an IDX file")
        }
    }

    @Test func refusesTruncatedFilesPlainOrGzipped() throws {
        let folder = try FixturePaths.temporaryDirectory("idx-trunc")
        let bytes = OriginalFormatWriter.idxImages(count: 3, rows: 4, cols: 5)
        let gz = OriginalFormatWriter.gzip(bytes)
        try OriginalFormatWriter.write(Array(bytes.dropLast(7)), to: folder.appendingPathComponent("short"))
        try OriginalFormatWriter.write(Array(gz.prefix(gz.count / 2)), to: folder.appendingPathComponent("short.gz"))
        for name in ["short", "short.gz"] {
            #expect {
                try IDXReader.read(path: folder.appendingPathComponent(name).path)
            } throws: { error in
                guard case DatasetError.truncated = error else { return false }
                return "\(error)".contains("download it again")
            }
        }
    }

    @Test func refusesAHeaderThatPromisesMoreThanTheFileHolds() throws {
        let folder = try FixturePaths.temporaryDirectory("idx-huge")
        // 4 axes of 2^32-1 each: the product overflows; 3 axes of 60000: more bytes than follow.
        let overflow =
            OriginalFormatWriter.idx(typeCode: 0x08, shape: [], payload: []).prefix(3) + [4]
            + [UInt8](repeating: 0xff, count: 16)
        let huge = OriginalFormatWriter.idx(typeCode: 0x08, shape: [60000, 60000, 60000], payload: [1, 2, 3])
        try OriginalFormatWriter.write(Array(overflow), to: folder.appendingPathComponent("overflow"))
        try OriginalFormatWriter.write(huge, to: folder.appendingPathComponent("huge"))
        try OriginalFormatWriter.write(
            OriginalFormatWriter.gzip(Array(overflow)), to: folder.appendingPathComponent("overflow.gz"))
        for name in ["overflow", "huge", "overflow.gz"] {
            #expect(throws: DatasetError.self) { try IDXReader.read(path: folder.appendingPathComponent(name).path) }
        }
    }

    @Test func refusesACorruptGzipStream() throws {
        let url = try FixturePaths.temporaryDirectory("idx-corrupt").appendingPathComponent("bad.gz")
        var gz = OriginalFormatWriter.gzip(OriginalFormatWriter.idxImages(count: 20))
        for k in 20..<60 { gz[k] ^= 0x5a }
        try OriginalFormatWriter.write(gz, to: url)
        #expect(throws: DatasetError.self) { try IDXReader.read(path: url.path) }
    }
}
