import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

struct BatchFolderTests {
    static let kaggleSizes = [50, 48, 47, 45]

    @Test func naturalOrder() {
        let names = ["batch_10.h5", "batch_2.h5", "batch_1.h5", "batch_0.h5", "a.h5", "batch_02.h5"]
        #expect(
            names.sorted(by: NaturalOrder.precedes) == [
                "a.h5", "batch_0.h5", "batch_1.h5", "batch_2.h5", "batch_02.h5", "batch_10.h5",
            ])
    }

    @Test(arguments: ["kaggle_dir", "kaggle_dir/batch_*.h5"])
    func globalIndicesRunOnAcrossFiles(path: String) throws {
        let source = try HDF5Source.open(FixturePaths.fixture(path))
        #expect(source.files.count == 4 && source.sampleCount == 190 && source.isFolder)
        let indices = [189, 0, 49, 50, 97, 98, 50, 144, 145, 3]
        let images = try source.images.gatherRows(indices)
        #expect(
            images.scalars(UInt8.self)
                == FixtureFormula.expectedNHWC(samples: indices, height: 20, width: 20, channels: 3))
        let labels = try #require(source.labels).gatherRows(indices)
        #expect(labels.scalars(Int64.self) == indices.map { Int64($0 % 10) })
    }

    @Test func filesAreOpenedInNaturalOrder() throws {
        let folder = try FixturePaths.temporaryDirectory("folder")
        defer { try? FileManager.default.removeItem(at: folder) }
        for k in [10, 2, 1] {
            let writer = try HDF5Writer(creating: folder.appendingPathComponent("batch_\(k).h5").path)
            try writer.write(Tensor(shape: [1, 2, 2], scalars: [UInt8](repeating: UInt8(k), count: 4)), to: "images")
            try writer.write(Tensor([Int64(k)]), to: "labels")
            try writer.close()
        }
        try Data("notes".utf8).write(to: folder.appendingPathComponent("README.txt"))
        let source = try HDF5Source.open(folder.path)
        #expect(source.files.map(\.name) == ["batch_1.h5", "batch_2.h5", "batch_10.h5"])
        #expect(try #require(source.labels).gatherRows([0, 1, 2]).scalars(Int64.self) == [1, 2, 10])
    }

    @Test func fileBatchesReproduceTheFeederAndCycle() throws {
        let source = try HDF5Source.open(FixturePaths.fixture("kaggle_dir")).fileBatches()
        var batches = try source.batches(BatchOptions(batchSize: 1), epochs: nil)
        var start = 0
        for step in 0..<9 {
            let batch = try #require(try batches.next())
            let k = step % 4
            if k == 0 { start = 0 }
            let n = Self.kaggleSizes[k]
            #expect(batch.address == BatchAddress(epoch: step / 4, batch: k))
            #expect(batch.indices == Array(start..<(start + n)))
            #expect(batch.columns[0].dtype == .float32 && batch.columns[0].shape == [n, 20, 20, 3])
            let expected = FixtureFormula.expectedNHWC(
                samples: Array(start..<(start + n)), height: 20, width: 20, channels: 3)
            #expect(zip(batch.columns[0].scalars(Float.self), expected).allSatisfy { abs($0 - Float($1) / 255) < 1e-6 })
            #expect(batch.columns[1].scalars(Int64.self) == (start..<(start + n)).map { Int64($0 % 10) })
            start += n
        }
    }

    @Test func shuffledFileBatchesPermuteFilesPerEpoch() throws {
        let source = try HDF5Source.open(FixturePaths.fixture("kaggle_dir")).fileBatches(scalingImages: false)
        let options = BatchOptions(batchSize: 1, order: .shuffled(seed: 3))
        var orders = Set<[Int]>()
        for epoch in 0..<6 {
            let files = try (0..<4).map { try source.fileIndex(epoch: epoch, batch: $0, options) }
            #expect(files.sorted() == [0, 1, 2, 3])
            orders.insert(files)
        }
        #expect(orders.count > 1)
        #expect(try source.batchCount(options) == 4)
    }

    @Test func aBrokenFileAmongGoodOnesIsNamed() throws {
        let folder = try FixturePaths.temporaryDirectory("folder")
        defer { try? FileManager.default.removeItem(at: folder) }
        for k in 0..<4 {
            let from =
                k == 2 ? FixturePaths.fixture("bad/truncated.h5") : FixturePaths.fixture("kaggle_dir/batch_\(k).h5")
            try FileManager.default.copyItem(atPath: from, toPath: folder.appendingPathComponent("batch_\(k).h5").path)
        }
        let broken = folder.appendingPathComponent("batch_2.h5").path
        #expect {
            try HDF5Source.open(folder.path)
        } throws: { error in
            guard case .unreadableFile(let path, _) = error as? HDF5Error else { return false }
            return path == broken && "\(error)".contains("batch_2.h5")
        }
    }

    @Test func aFileWithoutTheDatasetIsNamed() throws {
        let folder = try FixturePaths.temporaryDirectory("folder")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            atPath: FixturePaths.fixture("kaggle_dir/batch_0.h5"),
            toPath: folder.appendingPathComponent("batch_0.h5").path)
        let writer = try HDF5Writer(creating: folder.appendingPathComponent("batch_1.h5").path)
        try writer.write(Tensor(zeros: .uint8, shape: [3, 20, 20, 3]), to: "pictures")
        try writer.close()
        #expect {
            try HDF5Source.open(folder.path)
        } throws: { error in
            guard case .folderMismatch(let file, let dataset, _) = error as? HDF5Error else { return false }
            return file.hasSuffix("batch_1.h5") && dataset == "images"
        }
    }
}
