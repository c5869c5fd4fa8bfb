import Foundation
import TestSupport
import Testing

/// `i` on real files: the runs, chunks and bytes of the batch on screen, counted independently
/// from `order`'s indices and the fixtures' layouts (rgb_chunked_gzip.h5: 300×32×32×3 uint8 in
/// chunks of 16 rows; mnist_small.h5: 500×28×28 uint8, contiguous).
@Suite struct ReadIOViewTests {
    func frame(_ fixture: String, _ flags: [String], keys: String = "i") throws -> String {
        let result = try CommandRunner.run(
            ["frame", FixturePaths.fixture(fixture)] + flags + ["--size", "80x24", "--keys", keys])
        #expect(result.status == 0, "\(result.standardError)")
        return result.standardOutput
    }

    func firstBatch(_ fixture: String, _ flags: [String]) throws -> [Int] {
        try batches(fixture, flags, count: 1)[0]
    }

    /// The indices of the first `count` batches, as `order` prints them.
    func batches(_ fixture: String, _ flags: [String], count: Int) throws -> [[Int]] {
        let output = try CommandRunner.run(["order", FixturePaths.fixture(fixture)] + flags).standardOutput
        return try output.split(separator: "\n").prefix(count).map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["indices"] as? [Int])
        }
    }

    /// The second batch's read finds in the cache the chunks the first decoded, and only those:
    /// its own look-ups, not the running totals of a cache the prefetcher shares (it reads the
    /// third batch meanwhile).
    @Test func chunkCacheCountsAreTheBatchsOwnRead() throws {
        let flags = ["--shuffle", "--seed", "5", "--batch-size", "16"]
        let order = try batches("rgb_chunked_gzip.h5", flags, count: 2)
        let first = Set(order[0].map { $0 / 16 })
        let second = Set(order[1].map { $0 / 16 })
        let hits = second.intersection(first).count
        #expect(
            try frame("rgb_chunked_gzip.h5", flags, keys: "n i").contains(
                "chunk cache \(hits) hits, \(second.count - hits) misses in this batch's read"))
        #expect(
            try frame("rgb_chunked_gzip.h5", flags).contains(
                "chunk cache 0 hits, \(first.count) misses in this batch's read"))
    }

    /// Runs of consecutive rows among the sorted, unique indices.
    func runs(_ indices: [Int]) -> Int {
        let sorted = Array(Set(indices)).sorted()
        return zip(sorted, sorted.dropFirst()).filter { $1 != $0 + 1 }.count + (sorted.isEmpty ? 0 : 1)
    }

    @Test func aShuffledBatchOfAChunkedFileTouchesItsChunksAndGetsAdvice() throws {
        let flags = ["--shuffle", "--seed", "5", "--batch-size", "16"]
        let indices = try firstBatch("rgb_chunked_gzip.h5", flags)
        let chunks = Set(indices.map { $0 / 16 }).count
        let text = try frame("rgb_chunked_gzip.h5", flags)
        #expect(text.contains("read path  direct · chunked 16×32×32×3, shuffle+gzip"))
        #expect(text.contains("samples    16 in \(runs(indices)) run(s) of consecutive rows"))
        #expect(text.contains("chunks     \(chunks) touched, 16 rows each"))
        #expect(text.contains("delivered  49.2 KB of samples")) // 16 × 3072 bytes
        #expect(text.contains("decoded    \(String(format: "%.1f", Double(chunks * 16 * 3072) / 1000)) KB"))
        if chunks * 16 >= 4 * 16 {
            #expect(text.contains("each sample costs a 16-row chunk: try --shuffle chunks or rechunk to 8"))
        }
    }

    @Test func anInOrderBatchOfAContiguousFileIsOneRunWithoutAmplification() throws {
        let text = try frame("mnist_small.h5", ["--batch-size", "16"])
        #expect(text.contains("read path  direct · contiguous"))
        #expect(text.contains("samples    16 in 1 run(s) of consecutive rows"))
        #expect(text.contains("read       12.5 KB from disk")) // 16 × 784 bytes
        #expect(text.contains("amplification 1.0×"))
        #expect(text.contains("the layout suits this access pattern"))
    }
}
