import Batching
import Testing

@testable import BatchingHDF5

@Suite("DecodedChunkCache")
struct FastPathDecodedChunkCacheTests {
    private func chunk(_ bytes: Int, fill: UInt8 = 0) -> DecodedChunk {
        let chunk = DecodedChunk(byteCount: bytes)
        chunk.bytes.initializeMemory(as: UInt8.self, repeating: fill)
        return chunk
    }

    private func key(_ n: Int, dataset: UInt64 = 1) -> DecodedChunkCache.Key { .init(dataset: dataset, chunk: n) }

    @Test func returnsWhatWasStoredAndCountsHitsAndMisses() {
        let cache = DecodedChunkCache(byteBudget: 1000)
        #expect(cache.chunk(for: key(0)) == nil)
        let stored = chunk(100, fill: 7)
        cache.insert(stored, for: key(0))
        #expect(cache.chunk(for: key(0)) === stored)
        #expect(cache.chunk(for: key(0, dataset: 2)) == nil)
        #expect(cache.statistics == .init(bytesHeld: 100, chunksHeld: 1, hits: 1, misses: 2, evictions: 0))
    }

    @Test func dropsTheLeastRecentlyUsedToStayWithinBudget() {
        let cache = DecodedChunkCache(byteBudget: 300)
        for n in 0..<3 { cache.insert(chunk(100), for: key(n)) }
        _ = cache.chunk(for: key(0)) // 0 is now the most recently used; 1 the least
        cache.insert(chunk(100), for: key(3))
        #expect(!cache.contains(key(1)))
        #expect(cache.contains(key(0)) && cache.contains(key(2)) && cache.contains(key(3)))
        cache.insert(chunk(250), for: key(4)) // needs 0, 2 and 3 gone (in that recency order)
        #expect(cache.statistics.bytesHeld == 250)
        #expect(cache.statistics.chunksHeld == 1)
        #expect(cache.statistics.evictions == 4)
    }

    @Test func neverHoldsMoreThanTheBudget() {
        let cache = DecodedChunkCache(byteBudget: 1000)
        for n in 0..<200 {
            cache.insert(chunk(37 + (n * 13) % 200), for: key(n % 50))
            #expect(cache.statistics.bytesHeld <= 1000)
        }
    }

    @Test func refusesAChunkLargerThanTheBudget() {
        let cache = DecodedChunkCache(byteBudget: 50)
        cache.insert(chunk(51), for: key(0))
        #expect(!cache.contains(key(0)))
        let off = DecodedChunkCache(byteBudget: 0)
        off.insert(chunk(1), for: key(0))
        #expect(off.statistics.chunksHeld == 0)
    }

    @Test func replacingAKeyKeepsTheCountRight() {
        let cache = DecodedChunkCache(byteBudget: 1000)
        cache.insert(chunk(100), for: key(0))
        cache.insert(chunk(200), for: key(0))
        #expect(cache.statistics.bytesHeld == 200 && cache.statistics.chunksHeld == 1)
    }

    @Test func forgetsOneDataset() {
        let cache = DecodedChunkCache(byteBudget: 1000)
        cache.insert(chunk(10), for: key(0, dataset: 1))
        cache.insert(chunk(10), for: key(1, dataset: 1))
        cache.insert(chunk(10), for: key(0, dataset: 2))
        cache.removeAll(dataset: 1)
        #expect(cache.statistics.chunksHeld == 1 && cache.contains(key(0, dataset: 2)))
    }

    @Test func staysConsistentUnderConcurrentUse() throws {
        let cache = DecodedChunkCache(byteBudget: 5000)
        try ParallelWork(width: 4).run(count: 4000) { i in
            let k = DecodedChunkCache.Key(dataset: UInt64(i % 3), chunk: (i * 7) % 97)
            if cache.chunk(for: k) == nil {
                let c = DecodedChunk(byteCount: 64 + i % 64)
                c.bytes.initializeMemory(as: UInt8.self, repeating: 0)
                cache.insert(c, for: k)
            }
        }
        let stats = cache.statistics
        #expect(stats.bytesHeld <= 5000)
        #expect(stats.hits + stats.misses == 4000)
    }

    @Test func aPrefixServesOnlyTheRowsItHolds() {
        let cache = DecodedChunkCache(byteBudget: 1000)
        let prefix = DecodedChunk(byteCount: 30, coveredRows: 3)
        prefix.bytes.initializeMemory(as: UInt8.self, repeating: 1)
        cache.insert(prefix, for: key(0))
        #expect(cache.chunk(for: key(0), coveringRows: 3) === prefix)
        #expect(cache.chunk(for: key(0), coveringRows: 4) == nil)
        #expect(cache.statistics.hits == 1 && cache.statistics.misses == 1)
    }
}
