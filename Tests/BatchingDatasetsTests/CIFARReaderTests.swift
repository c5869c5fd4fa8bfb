import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

@Suite struct CIFARReaderTests {
    /// `count` CIFAR records from sample index `first`: label bytes then the R, G, B planes.
    static func records(count: Int, first: Int, labelBytes: Int) -> [UInt8] {
        var out: [UInt8] = []
        for i in first..<(first + count) {
            if labelBytes == 2 { out.append(UInt8(i % 20)) }
            out.append(UInt8(i % (labelBytes == 2 ? 100 : 10)))
            for ch in 0..<3 {
                for r in 0..<32 { for c in 0..<32 { out.append(OriginalFormatWriter.pixel(i, r, c, ch)) } }
            }
        }
        return out
    }

    static let classes10 = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]

    /// A CIFAR-10 binary tarball with batches of 2 training samples each and 3 test samples.
    static func cifar10Tarball() throws -> URL {
        var members: [(String, [UInt8])] = [
            ("cifar-10-batches-bin/batches.meta.txt", Array((classes10.joined(separator: "\n") + "\n\n").utf8))
        ]
        for b in 1...5 {
            members.append(
                ("cifar-10-batches-bin/data_batch_\(b).bin", records(count: 2, first: 2 * (b - 1), labelBytes: 1)))
        }
        members.append(("cifar-10-batches-bin/test_batch.bin", records(count: 3, first: 100, labelBytes: 1)))
        members.append(("cifar-10-batches-bin/readme.html", Array("<html></html>".utf8)))
        let url = try FixturePaths.temporaryDirectory("cifar10").appendingPathComponent("cifar-10-binary.tar.gz")
        try OriginalFormatWriter.write(OriginalFormatWriter.gzip(OriginalFormatWriter.tar(members)), to: url)
        return url
    }

    @Test func readsCIFAR10FromTheTarball() throws {
        let cifar = try CIFARReader.read(.cifar10, from: Self.cifar10Tarball().path)
        #expect(cifar.train.images.shape == [10, 3, 32, 32])
        #expect(cifar.train.labels?.scalars(as: Int32.self) == (0..<10).map { Int32($0) })
        #expect(cifar.test.images.shape == [3, 3, 32, 32])
        #expect(cifar.classNames == Self.classes10)
        #expect(cifar.train.coarseLabels == nil)
        let pixels = cifar.train.images.scalars(as: UInt8.self)
        // sample 7, green plane (1), row 5, column 9
        #expect(pixels[7 * 3072 + 1 * 1024 + 5 * 32 + 9] == OriginalFormatWriter.pixel(7, 5, 9, 1))
        #expect(
            cifar.test.images.scalars(as: UInt8.self)
                == Array(
                    Self.records(count: 3, first: 100, labelBytes: 1).enumerated()
                        .filter { $0.offset % 3073 != 0 }.map(\.element)))
    }

    @Test func readsCIFAR100CoarseAndFineFromAnUnpackedFolder() throws {
        let folder = try FixturePaths.temporaryDirectory("cifar100")
        let inner = folder.appendingPathComponent("cifar-100-binary")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try OriginalFormatWriter.write(
            Self.records(count: 4, first: 30, labelBytes: 2), to: inner.appendingPathComponent("train.bin"))
        try OriginalFormatWriter.write(
            Self.records(count: 2, first: 50, labelBytes: 2), to: inner.appendingPathComponent("test.bin"))
        try OriginalFormatWriter.write(
            Array((0..<100).map { "fine\($0)" }.joined(separator: "\n").utf8),
            to: inner.appendingPathComponent("fine_label_names.txt"))
        try OriginalFormatWriter.write(
            Array((0..<20).map { "coarse\($0)" }.joined(separator: "\n").utf8),
            to: inner.appendingPathComponent("coarse_label_names.txt"))
        let cifar = try CIFARReader.read(.cifar100, from: folder.path)
        #expect(cifar.train.images.shape == [4, 3, 32, 32])
        #expect(cifar.train.labels?.scalars(as: Int32.self) == [30, 31, 32, 33])
        #expect(cifar.train.coarseLabels?.scalars(as: Int32.self) == [10, 11, 12, 13])
        #expect(cifar.test.coarseLabels?.scalars(as: Int32.self) == [10, 11])
        #expect(cifar.classNames.count == 100 && cifar.classNames[31] == "fine31")
        #expect(cifar.coarseClassNames?[11] == "coarse11")
        let validated = try cifar.splittingValidation(last: 1)
        #expect(validated.validation.coarseLabels?.scalars(as: Int32.self) == [13])
    }

    @Test func refusesAFileOfTheWrongKind() throws {
        let url = try FixturePaths.temporaryDirectory("cifar-wrong").appendingPathComponent(
            "train-images-idx3-ubyte.gz")
        try OriginalFormatWriter.write(OriginalFormatWriter.gzip(OriginalFormatWriter.idxImages(count: 2)), to: url)
        #expect {
            try CIFARReader.read(.cifar10, from: url.path)
        } throws: { error in
            "\(error)".contains("is not a tar archive")
        }
    }

    @Test func refusesATruncatedTarball() throws {
        let good = try Data(contentsOf: Self.cifar10Tarball())
        let url = try FixturePaths.temporaryDirectory("cifar-trunc").appendingPathComponent("cifar-10-binary.tar.gz")
        try good.prefix(good.count * 2 / 3).write(to: url)
        #expect {
            try CIFARReader.read(.cifar10, from: url.path)
        } throws: { error in
            guard case DatasetError.truncated = error else { return false }
            return true
        }
    }

    @Test func refusesARecordFileOfTheWrongSize() throws {
        let folder = try FixturePaths.temporaryDirectory("cifar-size")
        try OriginalFormatWriter.write(
            Self.records(count: 2, first: 0, labelBytes: 1) + [1, 2, 3],
            to: folder.appendingPathComponent("test_batch.bin"))
        #expect {
            try CIFARReader.read(.cifar10, from: folder.path)
        } throws: { error in
            "\(error)".contains("not a whole number of records")
        }
    }
}
