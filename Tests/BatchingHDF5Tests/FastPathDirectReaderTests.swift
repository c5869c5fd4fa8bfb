import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// The direct readers against the fixture formula, on files h5py wrote and layouts h5py reported.
@Suite("Direct readers")
struct FastPathDirectReaderTests {
    /// Reads `indices` through `readRuns` the way a column does: plan, read the runs, scatter.
    static func gather(
        _ layout: DirectLayout, _ indices: [Int],
        cache: DecodedChunkCache = DecodedChunkCache(byteBudget: 64 << 20)
    ) throws -> [UInt8] {
        let plan = RowGatherPlan(indices: indices)
        let runs = plan.runs.map { $0.start..<$0.end }
        let rowBytes = layout.bytesPerRow
        var staged = [UInt8](repeating: 0, count: plan.rowsRead * rowBytes)
        try staged.withUnsafeMutableBytes { buffer in
            switch layout.storage {
            case .contiguous: try DirectContiguousReader(layout: layout).readRuns(runs, into: buffer)
            case .chunked: try DirectChunkedReader(layout: layout, cache: cache).readRuns(runs, into: buffer)
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(indices.count * rowBytes)
        for slot in plan.sourcePositions ?? Array(indices.indices) {
            out += staged[(slot * rowBytes)..<((slot + 1) * rowBytes)]
        }
        return out
    }

    static let unsortedRepeated = [499, 3, 3, 250, 17, 16, 15, 0, 498, 499, 123, 3]

    @Test func contiguousMnistSmall() throws {
        let layout = try #require(
            try FastPathH5py.layout(file: FixturePaths.fixture("mnist_small.h5"), dataset: "images"))
        guard case .contiguous = layout.storage else {
            Issue.record("mnist_small images should be contiguous")
            return
        }
        let got = try Self.gather(layout, Self.unsortedRepeated)
        #expect(got == Self.unsortedRepeated.flatMap { fixtureRow($0, rowShape: [28, 28]) })
    }

    @Test func chunkedShuffledGzipRGB() throws {
        let layout = try #require(
            try FastPathH5py.layout(
                file: FixturePaths.fixture("rgb_chunked_gzip.h5"),
                dataset: "train/images"))
        guard case .chunked(let grid, _) = layout.storage else {
            Issue.record("expected chunks")
            return
        }
        #expect(grid.filters == [.shuffle(elementSize: 1), .deflate])
        let indices = [299, 0, 16, 15, 15, 100, 287, 288, 1, 2]
        #expect(try Self.gather(layout, indices) == indices.flatMap { fixtureRow($0, rowShape: [32, 32, 3]) })
        #expect(try Self.gather(layout, Array(0..<300)) == (0..<300).flatMap { fixtureRow($0, rowShape: [32, 32, 3]) })
    }

    @Test func contiguousFloatNCHW() throws {
        let layout = try #require(try FastPathH5py.layout(file: FixturePaths.fixture("nchw_float.h5"), dataset: "x"))
        let indices = [199, 5, 5, 0]
        let bytes = try Self.gather(layout, indices)
        let floats = bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        var expected = [Float]()
        for i in indices {
            for ch in 0..<3 {
                for r in 0..<16 { for c in 0..<16 { expected.append(Float(fixtureValue(i, r, c, ch)) / 255) } }
            }
        }
        #expect(floats == expected)
    }

    @Test func chunkedReaderDecodesEachChunkOncePerCallAndCachesAcrossCalls() throws {
        let layout = try #require(
            try FastPathH5py.layout(
                file: FixturePaths.fixture("rgb_chunked_gzip.h5"),
                dataset: "train/images"))
        let cache = DecodedChunkCache(byteBudget: 64 << 20)
        let reader = try DirectChunkedReader(layout: layout, cache: cache)
        let rowBytes = layout.bytesPerRow
        // Rows 0, 1, 5 and 17 lie in chunks 0 and 1: two misses, no more.
        var buffer = [UInt8](repeating: 0, count: 4 * rowBytes)
        try buffer.withUnsafeMutableBytes { try reader.readRuns([0..<2, 5..<6, 17..<18], into: $0) }
        #expect(cache.statistics.misses == 2 && cache.statistics.chunksHeld == 2)
        #expect(buffer == [0, 1, 5, 17].flatMap { fixtureRow($0, rowShape: [32, 32, 3]) })
        try buffer.withUnsafeMutableBytes { try reader.readRuns([2..<4, 20..<22], into: $0) }
        #expect(cache.statistics.hits == 2 && cache.statistics.misses == 2)
        #expect(buffer == [2, 3, 20, 21].flatMap { fixtureRow($0, rowShape: [32, 32, 3]) })
    }

    @Test func aReaderWithoutCacheStillDecodesEachChunkOnce() throws {
        let layout = try #require(
            try FastPathH5py.layout(
                file: FixturePaths.fixture("rgb_chunked_gzip.h5"),
                dataset: "train/images"))
        let indices = (0..<64).map { ($0 * 37) % 300 }
        let cache = DecodedChunkCache(byteBudget: 0)
        let got = try Self.gather(layout, indices, cache: cache)
        #expect(got == indices.flatMap { fixtureRow($0, rowShape: [32, 32, 3]) })
        // One look-up (and so one decode) per distinct chunk, not per row.
        #expect(cache.statistics.misses == Set(indices.map { $0 / 16 }).count)
        #expect(cache.statistics.chunksHeld == 0)
    }

    @Test func withoutRoomInTheCacheChunksAreDecodedOnlyAsFarAsNeeded() throws {
        let layout = try #require(
            try FastPathH5py.layout(
                file: FixturePaths.fixture("rgb_chunked_gzip.h5"),
                dataset: "train/images"))
        let cache = DecodedChunkCache(byteBudget: 200_000) // room for 4 of its 19 chunks
        let reader = try DirectChunkedReader(layout: layout, cache: cache)
        #expect(reader.decodesPrefixes)
        let rowBytes = layout.bytesPerRow
        var one = [UInt8](repeating: 0, count: rowBytes)
        try one.withUnsafeMutableBytes { try reader.gatherRows([18], into: $0) } // row 2 of chunk 1
        #expect(one == fixtureRow(18, rowShape: [32, 32, 3]))
        #expect(cache.statistics.bytesHeld == 3 * rowBytes) // rows 0...2 only
        // A later row of the same chunk is a miss that decodes the chunk whole (its later rows are
        // evidently wanted); after that every row of it is a hit.
        try one.withUnsafeMutableBytes { try reader.gatherRows([20], into: $0) }
        #expect(one == fixtureRow(20, rowShape: [32, 32, 3]))
        #expect(cache.coveredRows(for: .init(dataset: reader.cacheToken, chunk: 1)) == .max)
        try one.withUnsafeMutableBytes { try reader.gatherRows([31], into: $0) }
        #expect(one == fixtureRow(31, rowShape: [32, 32, 3]))
        #expect(cache.statistics.misses == 2 && cache.statistics.hits == 1)
        #expect(
            !(try DirectChunkedReader(layout: layout, cache: DecodedChunkCache(byteBudget: 1 << 20)).decodesPrefixes))
    }

    @Test func oneReaderServesManyThreadsAtOnce() throws {
        let layout = try #require(
            try FastPathH5py.layout(
                file: FixturePaths.fixture("rgb_chunked_gzip.h5"),
                dataset: "train/images"))
        let reader = try DirectChunkedReader(layout: layout, cache: DecodedChunkCache(byteBudget: 1 << 20))
        let rowBytes = layout.bytesPerRow
        try ParallelWork(width: 4).run(count: 48) { call in
            var random = CounterRandom(seed: 5, purpose: .shuffle, batch: call)
            let indices = (0..<20).map { _ in random.nextInt(below: 300) }
            var out = [UInt8](repeating: 0, count: indices.count * rowBytes)
            try out.withUnsafeMutableBytes { try reader.gatherRows(indices, into: $0) }
            #expect(out == indices.flatMap { fixtureRow($0, rowShape: [32, 32, 3]) })
        }
    }
}
