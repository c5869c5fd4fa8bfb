import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

@Suite struct STLReaderTests {
    /// STL-10 images as stored: each plane column by column (the byte for row r, column c sits at c*96 + r).
    static func images(count: Int, first: Int) -> [UInt8] {
        var out: [UInt8] = []
        for i in first..<(first + count) {
            for ch in 0..<3 {
                for c in 0..<96 { for r in 0..<96 { out.append(OriginalFormatWriter.pixel(i, r, c, ch)) } }
            }
        }
        return out
    }

    static func tarball(unlabeled: Bool = true) throws -> URL {
        let names = ["airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck"]
        var members: [(String, [UInt8])] = [
            ("stl10_binary/class_names.txt", Array((names.joined(separator: "\n") + "\n").utf8)),
            ("stl10_binary/train_X.bin", images(count: 6, first: 0)),
            ("stl10_binary/train_y.bin", [1, 2, 3, 10, 5, 6]),
            ("stl10_binary/test_X.bin", images(count: 2, first: 50)),
            ("stl10_binary/test_y.bin", [10, 1]),
            ("stl10_binary/fold_indices.txt", Array("0 1 2 3 \n5 4 \n".utf8)),
        ]
        if unlabeled { members.append(("stl10_binary/unlabeled_X.bin", images(count: 3, first: 70))) }
        let url = try FixturePaths.temporaryDirectory("stl").appendingPathComponent("stl10_binary.tar.gz")
        try OriginalFormatWriter.write(OriginalFormatWriter.gzip(OriginalFormatWriter.tar(members)), to: url)
        return url
    }

    @Test func readsRowMajorImagesAndShiftedLabels() throws {
        let stl = try STLReader.read(from: Self.tarball().path)
        #expect(stl.train.images.shape == [6, 3, 96, 96])
        #expect(stl.train.labels?.scalars(as: Int32.self) == [0, 1, 2, 9, 4, 5])
        #expect(stl.test.labels?.scalars(as: Int32.self) == [9, 0])
        #expect(stl.classNames[7] == "monkey")
        #expect(stl.unlabeled == nil)
        let pixels = stl.test.images.scalars(as: UInt8.self)
        // sample 1 (index 51), blue plane, row 10, column 80: row-major offset
        #expect(pixels[1 * 27648 + 2 * 9216 + 10 * 96 + 80] == OriginalFormatWriter.pixel(51, 10, 80, 2))
        #expect(pixels[1 * 27648 + 2 * 9216 + 80 * 96 + 10] == OriginalFormatWriter.pixel(51, 80, 10, 2))
    }

    @Test func readsTheUnlabeledPartWhenAsked() throws {
        let stl = try STLReader.read(from: Self.tarball().path, includeUnlabeled: true)
        #expect(stl.unlabeled?.images.shape == [3, 3, 96, 96])
        #expect(stl.unlabeled?.labels == nil)
        #expect(
            stl.unlabeled?.images.scalars(as: UInt8.self)[2 * 27648 + 95 * 96 + 3]
                == OriginalFormatWriter.pixel(72, 95, 3, 0))
        #expect(throws: DatasetError.self) {
            try STLReader.read(from: Self.tarball(unlabeled: false).path, includeUnlabeled: true)
        }
    }

    @Test func splitsTheLastFoldOffForValidationAsBatchUpDoes() throws {
        let stl = try STLReader.read(from: Self.tarball().path).splittingDefaultValidation()
        // the last fold is [5, 4]: validation in fold order, training keeps the rest in order
        #expect(stl.validation.labels?.scalars(as: Int32.self) == [5, 4])
        #expect(stl.train.labels?.scalars(as: Int32.self) == [0, 1, 2, 9])
        #expect(stl.validation.images.scalars(as: UInt8.self)[0] == OriginalFormatWriter.pixel(5, 0, 0, 0))
    }
}
