import Batching
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import BatchingHDF5

struct HDF5ColumnTests {
    @Test func unsortedRepeatedIndicesMatchTheInMemoryGather() throws {
        let folder = try FixturePaths.temporaryDirectory("column")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("c.h5").path
        let tensor = Tensor(shape: [100, 6], scalars: (0..<600).map { UInt16($0 * 37 % 65_521) })
        let writer = try HDF5Writer(creating: path)
        try writer.write(tensor, to: "plain")
        try writer.write(tensor, to: "packed", storage: .chunked([7, 6], gzip: 1, shuffle: true), byteOrder: .big)
        try writer.close()
        let file = try HDF5File(path: path)
        var generator = SystemRandomNumberGenerator()
        for name in ["plain", "packed"] {
            for readPath in FixtureFormula.readPaths {
                let column = try HDF5Column(file: file, dataset: name, readPath: readPath)
                for _ in 0..<20 {
                    let indices = (0..<Int.random(in: 0...64, using: &generator)).map { _ in
                        Int.random(in: 0..<100, using: &generator)
                    }
                    #expect(try column.gatherRows(indices) == tensor.gatherRows(indices))
                }
            }
        }
    }

    @Test func outOfRangeIndexIsABatchingError() throws {
        let column = try HDF5Column(file: HDF5File(path: FixturePaths.fixture("mnist_small.h5")), dataset: "labels")
        #expect(throws: BatchingError.indexOutOfRange(index: 500, count: 500)) { try column.gatherRows([3, 500]) }
        #expect(throws: BatchingError.indexOutOfRange(index: -1, count: 500)) { try column.gatherRows([-1]) }
    }

    @Test func plugsIntoArrayDataSourceAndFloat32Column() throws {
        let file = try HDF5File(path: FixturePaths.fixture("mnist_small.h5"))
        let images = try HDF5Column(file: file, dataset: "images")
        let labels = try HDF5Column(file: file, dataset: "labels")
        let source = try ArrayDataSource([Float32Column(images), labels])
        let batch = try source.batch(
            at: BatchAddress(epoch: 1, batch: 2), BatchOptions(batchSize: 32, order: .shuffled(seed: 9)))
        #expect(batch.columns[0].dtype == .float32 && batch.columns[0].shape == [32, 28, 28])
        let floats = batch.columns[0].scalars(Float.self)
        for (row, i) in batch.indices.enumerated() {
            #expect(abs(floats[row * 784 + 28 + 2] - Float(FixtureFormula.value(i, 1, 2)) / 255) < 1e-6)
        }
        #expect(batch.columns[1].scalars(Int64.self) == batch.indices.map { Int64($0 % 10) })
    }

    @Test func gathersFromManyThreadsAtOnce() throws {
        let file = try HDF5File(path: FixturePaths.fixture("rgb_chunked_gzip.h5"))
        for readPath in FixtureFormula.readPaths {
            let column = try HDF5Column(file: file, dataset: "train/images", readPath: readPath)
            let failures = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: 16) { worker in
                let indices = (0..<24).map { (worker * 37 + $0 * 11) % 300 }
                let ok =
                    (try? column.gatherRows(indices).scalars(UInt8.self))
                    == FixtureFormula.expectedNHWC(samples: indices, height: 32, width: 32, channels: 3)
                if !ok { failures.withLock { $0 += 1 } }
            }
            #expect(failures.withLock { $0 } == 0, "via \(readPath)")
        }
    }
}
