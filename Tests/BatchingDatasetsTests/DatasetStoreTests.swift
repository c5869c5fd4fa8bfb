import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

@Suite struct DatasetStoreTests {
    static func store(home: URL, batchUpData: String? = nil) throws -> DatasetStore {
        let directory = DataDirectory(home: home.path, source: "a test", batchUpDataPath: batchUpData)
        return try DatasetStore(
            directory: directory, downloader: Downloader(attempts: 1, showsProgress: false), allowsDownload: false)
    }

    @Test func importsOriginalsOnceAndReusesTheFile() throws {
        let home = try FixturePaths.temporaryDirectory("store")
        let originals = try MNISTReaderTests.makeFolder(train: 12, test: 2)
        let target = home.appendingPathComponent("data/mnist")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: originals.path) {
            try FileManager.default.copyItem(
                at: originals.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
        let store = try Self.store(home: home)
        let path = try store.hdf5File(for: .mnist, options: .init(showsProgress: false))
        #expect(path == target.appendingPathComponent("mnist.h5").path)
        let file = try HDF5File(path: path)
        #expect(file.root.dataset(at: "train/images")?.shape == [12, 1, 28, 28])
        // The second call reuses the file: replace it by a marker and see it come back unchanged.
        try Data("marker".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try store.hdf5File(for: .mnist) == path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("marker".utf8))
        // load applies BatchUp's split (10,000 asked, 12 available: everything goes to validation).
        let loaded = try store.load(.mnist)
        #expect(loaded.validation.count == 12 && loaded.train.count == 0)
    }

    @Test func findsBatchUpsConvertedFile() throws {
        let home = try FixturePaths.temporaryDirectory("store-batchup")
        let batchUpData = try BatchUpFileReaderTests.files()
        let store = try Self.store(home: home, batchUpData: batchUpData.path)
        #expect(store.batchUpFile(for: .mnist) == batchUpData.appendingPathComponent("mnist.h5").path)
        #expect(store.batchUpFile(for: .cifar10) == nil)
        let usps = try store.load(.usps)
        #expect(usps.train.count + usps.validation.count == 6)
    }

    @Test func namesTheMissingFileWhenDownloadsAreOff() throws {
        let home = try FixturePaths.temporaryDirectory("store-missing")
        #expect {
            try Self.store(home: home).hdf5File(for: .svhn)
        } throws: { error in
            "\(error)".contains(home.appendingPathComponent("data/svhn/train_32x32.mat").path + " is missing")
        }
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("data/svhn/svhn.h5").path))
    }

    @Test func readerSaysWhatToGiveForEachKind() throws {
        let file = try FixturePaths.temporaryDirectory("reader-kinds").appendingPathComponent("x.bin")
        try Data([1, 2, 3]).write(to: file)
        #expect {
            try StandardDatasetReader.read(.svhn, from: file.path)
        } throws: { error in
            "\(error)".contains("give the folder that holds them")
        }
        let tarballFolder = try CIFARReaderTests.cifar10Tarball().deletingLastPathComponent()
        #expect(try StandardDatasetReader.read(.cifar10, from: tarballFolder.path).train.count == 10)
    }
}
