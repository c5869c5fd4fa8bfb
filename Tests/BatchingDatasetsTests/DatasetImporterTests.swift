import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

@Suite struct DatasetImporterTests {
    static func attribute(_ file: HDF5File, _ name: String, on group: String = "") -> [String]? {
        let owner = group.isEmpty ? file.root : file.root.allGroups.first { $0.path == group }
        return owner?.attributes.first { $0.name == name }?.value.strings
    }

    @Test func writesTheInspectorLayoutAndReadsBackTheSameBytes() throws {
        let mnist = try MNISTReader.read(.mnist, folder: MNISTReaderTests.makeFolder(train: 9, test: 4).path)
            .splittingValidation(last: 3)
        let out = try FixturePaths.temporaryDirectory("import").appendingPathComponent("mnist.h5").path
        try DatasetImporter.write(mnist, to: out, options: .init(gzipLevel: 4, chunkRows: 2, showsProgress: false))
        let file = try HDF5File(path: out)
        for (group, split) in [("train", mnist.train), ("validation", mnist.validation), ("test", mnist.test)] {
            #expect(try HDF5Column(file: file, dataset: "\(group)/images").readAll() == split.images)
            #expect(try HDF5Column(file: file, dataset: "\(group)/labels").readAll() == split.labels)
            #expect(Self.attribute(file, "class_names", on: group) == mnist.classNames)
        }
        let images = try #require(file.root.dataset(at: "train/images"))
        #expect(images.chunkShape == [2, 1, 28, 28])
        #expect(!images.filters.isEmpty)
        #expect(Self.attribute(file, "kind") == ["mnist"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: (out as NSString).deletingLastPathComponent) == [
                "mnist.h5"
            ])
    }

    @Test func writesCIFAR100CoarseLabelsAndSTLFolds() throws {
        let folder = try FixturePaths.temporaryDirectory("import-c100")
        try OriginalFormatWriter.write(
            CIFARReaderTests.records(count: 3, first: 0, labelBytes: 2), to: folder.appendingPathComponent("train.bin"))
        try OriginalFormatWriter.write(
            CIFARReaderTests.records(count: 2, first: 7, labelBytes: 2), to: folder.appendingPathComponent("test.bin"))
        let cifar = try CIFARReader.read(.cifar100, from: folder.path)
        let out = folder.appendingPathComponent("c100.h5").path
        try DatasetImporter.write(cifar, to: out, options: .init(gzipLevel: 0, showsProgress: false))
        let file = try HDF5File(path: out)
        #expect(try HDF5Column(file: file, dataset: "test/coarse_labels").readAll() == cifar.test.coarseLabels)
        #expect(Self.attribute(file, "coarse_class_names")?.count == 20)
        #expect(file.root.dataset(at: "train/images")?.layout == .contiguous)

        let stl = try STLReader.read(from: STLReaderTests.tarball().path, includeUnlabeled: true)
        let stlOut = folder.appendingPathComponent("stl.h5").path
        try DatasetImporter.write(stl, to: stlOut, options: .init(showsProgress: false))
        let stlFile = try HDF5File(path: stlOut)
        #expect(try HDF5Column(file: stlFile, dataset: "unlabeled/images").readAll() == stl.unlabeled?.images)
        #expect(stlFile.root.dataset(at: "unlabeled/labels") == nil)
        #expect(stlFile.root.dataset(at: "train/fold_indices") == nil) // folds of unequal length are not stored
        var equalFolds = stl
        equalFolds.folds = [[0, 1, 2], [3, 4, 5]]
        try DatasetImporter.write(equalFolds, to: stlOut, options: .init(showsProgress: false))
        #expect(
            try HDF5Column(file: HDF5File(path: stlOut), dataset: "train/fold_indices").readAll()
                == Tensor(shape: [2, 3], scalars: [Int32(0), 1, 2, 3, 4, 5]))
    }

    @Test func aFailedImportLeavesTheOldOutputAndNoPartialFile() throws {
        let folder = try FixturePaths.temporaryDirectory("import-fail")
        let out = folder.appendingPathComponent("out.h5")
        try Data("previous".utf8).write(to: out)
        let mnist = try MNISTReader.read(.mnist, folder: MNISTReaderTests.makeFolder().path)
        // A folder where the temporary file should go makes the HDF5 library refuse to create it.
        let temporary = folder.appendingPathComponent(".out.h5.\(getpid()).part")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)
        #expect(throws: (any Error).self) {
            try DatasetImporter.write(mnist, to: out.path, options: .init(showsProgress: false))
        }
        #expect(try Data(contentsOf: out) == Data("previous".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.h5"])
    }
}
