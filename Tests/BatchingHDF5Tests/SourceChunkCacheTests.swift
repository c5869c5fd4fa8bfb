import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// The decoded-chunk cache belongs to the source that opened the columns: its columns share it,
/// another source has its own, and nothing outside either changes it.
@Suite("A source's chunk cache")
struct SourceChunkCacheTests {
    static let path = FixturePaths.fixture("rgb_chunked_gzip.h5") // chunks of 16 rows × 32×32×3 bytes
    static let chunkBytes = 16 * 32 * 32 * 3

    @Test func theSourcesColumnsShareTheCacheItWasGiven() throws {
        let cache = DecodedChunkCache(byteBudget: 4 << 20)
        let source = try HDF5Source.open(Self.path, images: "train/images", labels: "train/labels", chunkCache: cache)
        let other = try HDF5Source.open(Self.path, images: "train/images", labels: "train/labels")
        #expect(source.chunkCache === cache && other.chunkCache !== cache)
        _ = try source.images.gatherRows([0, 17, 40]) // one row in each of chunks 0, 1 and 2
        #expect(cache.statistics.misses == 3 && cache.statistics.hits == 0)
        #expect(cache.statistics.chunksHeld == 3 && cache.statistics.bytesHeld == 3 * Self.chunkBytes)
        _ = try source.images.gatherRows([15, 16]) // chunks 0 and 1 again
        #expect(cache.statistics.hits == 2 && cache.statistics.misses == 3)
        #expect(other.chunkCache.statistics == DecodedChunkCache.Statistics())
    }

    @Test func aSourceGivenNoCacheGetsOneOfTheDefaultBudget() throws {
        let source = try HDF5Source.open(Self.path, images: "train/images")
        #expect(source.chunkCache.byteBudget == 256 << 20)
        _ = try source.images.gatherRows([299])
        #expect(source.chunkCache.statistics.chunksHeld == 1)
    }

    @Test func aFolderSharesOneCacheAcrossItsFiles() throws {
        let folder = try FixturePaths.temporaryDirectory("source-cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.h5", "b.h5"] {
            try FileManager.default.copyItem(atPath: Self.path, toPath: folder.appendingPathComponent(name).path)
        }
        let cache = DecodedChunkCache(byteBudget: 4 << 20)
        let source = try HDF5Source.open(folder.path, images: "train/images", chunkCache: cache)
        _ = try source.images.gatherRows([0, 300]) // row 0 of each file
        #expect(source.files.count == 2 && cache.statistics.misses == 2 && cache.statistics.chunksHeld == 2)
    }
}
