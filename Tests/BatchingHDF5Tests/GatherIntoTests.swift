import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// HDF5 columns write a batch into a pooled tensor in place (``BatchColumn/gatherRows(_:into:)``),
/// so a prefetch pipeline over a file allocates no batch buffers once its pool is full.
@Suite struct GatherIntoTests {
    static let indices = [189, 0, 49, 50, 97, 98, 50, 144, 145, 3]

    /// The address of a tensor's bytes: equal before and after means written in place.
    static func address(_ tensor: Tensor) -> UnsafeRawPointer? { tensor.withUnsafeBytes { $0.baseAddress } }

    @Test(arguments: FixtureFormula.readPaths)
    func oneFileWritesInPlace(readPath: HDF5ReadPath) throws {
        let file = try HDF5File(path: FixturePaths.fixture("kaggle_dir/batch_0.h5"))
        let column = try HDF5Column(file: file, dataset: "images", readPath: readPath)
        var pooled = Tensor(zeros: .uint8, shape: [4, 20, 20, 3])
        let before = Self.address(pooled)
        for rows in [[3, 1, 3, 49], [0, 1, 2, 3], [49, 48, 47, 46]] {
            try column.gatherRows(rows, into: &pooled)
            #expect(Self.address(pooled) == before)
            #expect(
                pooled.scalars(UInt8.self)
                    == FixtureFormula.expectedNHWC(samples: rows, height: 20, width: 20, channels: 3))
        }
    }

    @Test func foldersAndFloatColumnsWriteInPlace() throws {
        let source = try HDF5Source.open(FixturePaths.fixture("kaggle_dir"))
        var pooled = Tensor(zeros: .uint8, shape: [Self.indices.count, 20, 20, 3])
        let before = Self.address(pooled)
        try source.images.gatherRows(Self.indices, into: &pooled)
        let expected = FixtureFormula.expectedNHWC(samples: Self.indices, height: 20, width: 20, channels: 3)
        #expect(Self.address(pooled) == before && pooled.scalars(UInt8.self) == expected)
        var pair = Tensor(zeros: .uint8, shape: [2, 20, 20, 3])
        let pairBefore = Self.address(pair)
        try source.images.gatherRows([51, 50], into: &pair) // both in one file: handed to its column
        #expect(Self.address(pair) == pairBefore)
        #expect(
            pair.scalars(UInt8.self)
                == FixtureFormula.expectedNHWC(samples: [51, 50], height: 20, width: 20, channels: 3))

        var floats = Tensor(zeros: .float32, shape: [Self.indices.count, 20, 20, 3])
        let floatsBefore = Self.address(floats)
        try Float32Column(source.images).gatherRows(Self.indices, into: &floats)
        #expect(Self.address(floats) == floatsBefore && floats.scalars(Float.self) == expected.map { Float($0) / 255 })
    }

    @Test func aPrefetchPipelineOverAFileReusesItsBuffers() throws {
        let source = try HDF5Source.open(FixturePaths.fixture("mnist_small.h5"))
        let data = try source.dataSource()
        let options = BatchOptions(batchSize: 50, order: .shuffled(seed: 4))
        let batches = try data.prefetchedBatches(options, epochs: 3, workers: 2, buffer: 2)
        var seen = Set<UnsafeRawPointer>()
        var count = 0
        while let batch = try batches.next() {
            let expected = try data.batch(at: batch.raw.address, options)
            #expect(batch.raw.columns[0] == expected.columns[0] && batch.raw.columns[1] == expected.columns[1])
            if let address = Self.address(batch.raw.columns[0]) { seen.insert(address) }
            count += 1
        }
        #expect(count == 30)
        let pool = batches.poolCounts
        #expect(pool.reused > 20, "pooled outputs are written again: \(pool)")
        #expect(seen.count <= pool.fresh, "image buffers come only from fresh outputs: \(seen.count) buffers")
    }
}
