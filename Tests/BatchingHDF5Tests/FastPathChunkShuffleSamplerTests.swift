import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

@Suite("ChunkShuffleSampler")
struct FastPathChunkShuffleSamplerTests {
    private func pass(_ sampler: ChunkShuffleSampler, seed: UInt64 = 7, epoch: Int = 0, pass: Int = 0) throws -> [Int] {
        try sampler.indices(
            epoch: epoch, pass: pass, positions: Array(0..<(sampler.passLength ?? 0)),
            order: .shuffled(seed: seed))
    }

    @Test(arguments: [(1000, 64, 8), (1000, 7, 3), (5, 64, 8), (130, 1, 1), (0, 4, 2), (1001, 10, 1000)])
    func everyIndexExactlyOncePerPass(count: Int, rows: Int, window: Int) throws {
        let sampler = try ChunkShuffleSampler(sampleCount: count, rowsPerChunk: rows, windowChunks: window)
        #expect(sampler.passLength == count)
        for (epoch, p) in [(0, 0), (0, 1), (3, 0)] {
            #expect(try pass(sampler, epoch: epoch, pass: p).sorted() == Array(0..<count))
        }
    }

    @Test func eachWindowHoldsWholeChunksOnly() throws {
        // 16 whole chunks of 64: every window of 4 chunks is 256 samples from exactly 4 chunks,
        // each contributing all of its rows.
        let sampler = try ChunkShuffleSampler(sampleCount: 1024, rowsPerChunk: 64, windowChunks: 4)
        let order = try pass(sampler)
        for start in stride(from: 0, to: 1024, by: 256) {
            let chunks = Dictionary(grouping: order[start..<(start + 256)], by: { $0 / 64 })
            #expect(chunks.count == 4)
            for rows in chunks.values { #expect(rows.count == 64) }
        }
    }

    @Test func isAddressableAndKeyedBySeedEpochAndPass() throws {
        let sampler = try ChunkShuffleSampler(sampleCount: 500, rowsPerChunk: 16, windowChunks: 4)
        let whole = try pass(sampler, seed: 3, epoch: 2, pass: 1)
        let copy = try ChunkShuffleSampler(sampleCount: 500, rowsPerChunk: 16, windowChunks: 4)
        #expect(
            try copy.indices(epoch: 2, pass: 1, positions: [499, 7, 250], order: .shuffled(seed: 3))
                == [whole[499], whole[7], whole[250]])
        #expect(try pass(sampler, seed: 4, epoch: 2, pass: 1) != whole)
        #expect(try pass(sampler, seed: 3, epoch: 3, pass: 1) != whole)
        #expect(try pass(sampler, seed: 3, epoch: 2, pass: 0) != whole)
    }

    @Test func sequentialOrderIsTheDataOrSubsetOrder() throws {
        let sampler = try ChunkShuffleSampler(sampleCount: 100, rowsPerChunk: 8)
        #expect(try sampler.indices(epoch: 0, pass: 0, positions: [0, 5, 99], order: .sequential) == [0, 5, 99])
        let subset = try ChunkShuffleSampler(sampleCount: 100, rowsPerChunk: 8, subset: [50, 3, 97, 4])
        #expect(try subset.indices(epoch: 0, pass: 0, positions: [0, 1, 2, 3], order: .sequential) == [50, 3, 97, 4])
    }

    @Test func aSubsetIsVisitedExactlyOnce() throws {
        let subset = Array(stride(from: 5, to: 900, by: 3))
        let sampler = try ChunkShuffleSampler(sampleCount: 1000, rowsPerChunk: 32, windowChunks: 2, subset: subset)
        #expect(try pass(sampler).sorted() == subset)
        let probabilities = sampler.targetProbabilities()
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-9 && probabilities[0] == 0 && probabilities[5] > 0)
    }

    @Test func aBatchTouchesFewChunks() throws {
        let sampler = try ChunkShuffleSampler(sampleCount: 50_000, rowsPerChunk: 64, windowChunks: 8)
        let order = try pass(sampler)
        for start in stride(from: 0, to: 50_000 - 128, by: 128) {
            #expect(Set(order[start..<(start + 128)].map { $0 / 64 }).count <= 16)
        }
    }

    @Test func refusesImpossibleSizes() {
        #expect(throws: BatchingError.self) { try ChunkShuffleSampler(sampleCount: 10, rowsPerChunk: 0) }
        #expect(throws: BatchingError.self) {
            try ChunkShuffleSampler(sampleCount: 10, rowsPerChunk: 2, windowChunks: 0)
        }
        #expect(throws: BatchingError.indexOutOfRange(index: 10, count: 10)) {
            try ChunkShuffleSampler(sampleCount: 10, rowsPerChunk: 2, subset: [10])
        }
    }

    @Test func buildsFromAChunkedColumnAndRefusesAContiguousOne() throws {
        let rgb = try HDF5File(path: FixturePaths.fixture("rgb_chunked_gzip.h5"))
        let sampler = try ChunkShuffleSampler(column: HDF5Column(file: rgb, dataset: "train/images"), windowChunks: 2)
        #expect(sampler.rowsPerChunk == 16 && sampler.sampleCount == 300)
        let mnist = try HDF5File(path: FixturePaths.fixture("mnist_small.h5"))
        #expect(throws: BatchingError.self) {
            try ChunkShuffleSampler(column: HDF5Column(file: mnist, dataset: "images"))
        }
    }

    @Test func drivesAnArrayDataSource() throws {
        let rgb = try HDF5File(path: FixturePaths.fixture("rgb_chunked_gzip.h5"))
        let images = try HDF5Column(file: rgb, dataset: "train/images")
        let sampler = try ChunkShuffleSampler(column: images, windowChunks: 3)
        let source = try ArrayDataSource([images], sampler: sampler)
        var seen = [Int]()
        var batches = try source.batches(BatchOptions(batchSize: 32, order: .shuffled(seed: 9)))
        while let batch = try batches.next() {
            seen += batch.indices
            let expected = Tensor(
                shape: [batch.count, 32, 32, 3],
                scalars: batch.indices.flatMap { fixtureRow($0, rowShape: [32, 32, 3]) })
            #expect(batch.columns[0] == expected)
        }
        #expect(seen.sorted() == Array(0..<300))
    }
}
