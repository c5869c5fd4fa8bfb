import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

@Suite struct MNISTReaderTests {
    /// A folder with MNIST's four gzipped IDX files: 5 training and 3 test samples of 28×28.
    static func makeFolder(train: Int = 5, test: Int = 3, gzipped: Bool = true) throws -> URL {
        let folder = try FixturePaths.temporaryDirectory("mnist")
        func put(_ name: String, _ bytes: [UInt8]) throws {
            try OriginalFormatWriter.write(
                gzipped ? OriginalFormatWriter.gzip(bytes) : bytes,
                to: folder.appendingPathComponent(gzipped ? name + ".gz" : name))
        }
        try put("train-images-idx3-ubyte", OriginalFormatWriter.idxImages(count: train))
        try put(
            "train-labels-idx1-ubyte",
            OriginalFormatWriter.idx(typeCode: 0x08, shape: [train], payload: (0..<train).map { UInt8($0 % 10) }))
        try put("t10k-images-idx3-ubyte", OriginalFormatWriter.idxImages(count: test, first: 1000))
        try put(
            "t10k-labels-idx1-ubyte",
            OriginalFormatWriter.idx(typeCode: 0x08, shape: [test], payload: (0..<test).map { UInt8(9 - $0) }))
        return folder
    }

    @Test(arguments: [true, false]) func readsBatchUpShapesAndTypes(gzipped: Bool) throws {
        let folder = try Self.makeFolder(gzipped: gzipped)
        let mnist = try MNISTReader.read(.mnist, folder: folder.path)
        #expect(mnist.train.images.shape == [5, 1, 28, 28])
        #expect(mnist.train.images.dtype == .uint8)
        #expect(mnist.train.labels?.dtype == .int32)
        #expect(mnist.train.labels?.scalars(as: Int32.self) == [0, 1, 2, 3, 4])
        #expect(mnist.test.images.shape == [3, 1, 28, 28])
        #expect(mnist.test.labels?.scalars(as: Int32.self) == [9, 8, 7])
        #expect(mnist.validation.count == 0)
        #expect(mnist.validation.images.shape == [0, 1, 28, 28])
        let testPixels = mnist.test.images.scalars(as: UInt8.self)
        #expect(testPixels[2 * 784 + 27 * 28 + 13] == OriginalFormatWriter.pixel(1002, 27, 13, 0))
    }

    @Test func splitsTheLastSamplesOffForValidation() throws {
        let mnist = try MNISTReader.read(.fashionMNIST, folder: Self.makeFolder().path).splittingValidation(last: 2)
        #expect(mnist.train.count == 3)
        #expect(mnist.validation.labels?.scalars(as: Int32.self) == [3, 4])
        #expect(mnist.validation.images.scalars(as: UInt8.self)[0] == OriginalFormatWriter.pixel(3, 0, 0, 0))
        #expect(mnist.classNames.first == "T-shirt/top")
        #expect(throws: BatchingError.self) { try mnist.splittingValidation(last: 6) }
    }

    @Test func saysWhichFileIsMissing() throws {
        let folder = try Self.makeFolder()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        #expect {
            try MNISTReader.read(.mnist, folder: folder.path)
        } throws: { error in
            "\(error)".contains("t10k-labels-idx1-ubyte.gz is missing")
        }
    }

    @Test func refusesLabelsThatDoNotMatchTheImages() throws {
        let folder = try Self.makeFolder()
        try OriginalFormatWriter.write(
            OriginalFormatWriter.gzip(OriginalFormatWriter.idx(typeCode: 0x08, shape: [4], payload: [1, 2, 3, 4])),
            to: folder.appendingPathComponent("train-labels-idx1-ubyte.gz"))
        #expect {
            try MNISTReader.read(.mnist, folder: folder.path)
        } throws: { error in
            "\(error)".contains("4 labels for 5 images")
        }
    }
}

@Suite struct DatasetSplitDataSourceTests {
    @Test func feedsAnArrayDataSourceLikeBatchUpsQuickStart() throws {
        let mnist = try MNISTReader.read(.mnist, folder: MNISTReaderTests.makeFolder(train: 5).path)
        let source = try mnist.train.dataSource(scalingImages: true)
        var iterator = try source.batches(BatchOptions(batchSize: 2))
        var batches: [Batch] = []
        while let batch = try iterator.next() { batches.append(batch) }
        #expect(batches.map(\.count) == [2, 2, 1])
        #expect(batches[1].columns[0].dtype == .float32)
        #expect(batches[1].columns[0].shape == [2, 1, 28, 28])
        #expect(
            batches[1].columns[0].scalars(as: Float.self)[784] == Float(OriginalFormatWriter.pixel(3, 0, 0, 0)) / 255)
        #expect(batches[2].columns[1].scalars(as: Int32.self) == [4])
    }
}
