import Batching
import Dispatch
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import BatchingHDF5

/// Readers that want one chunk at the same time (two workers' batches) inflate it once: the
/// second waits for the first's decode, and a decode that fails wakes its waiters, who meet the
/// error themselves. Chunks come from a counting stand-in for libhdf5's raw-chunk reads, holding
/// the fixture formula deflated, so every inflate is seen and every byte checked.
@Suite("Shared chunk decodes")
struct FastPathSharedDecodeTests {
    static let rowBytes = 4
    static let rowsPerChunk = 8

    /// The fixture formula's byte for `row`, column `column`.
    static func value(_ row: Int, _ column: Int) -> UInt8 { UInt8((7 * row + column) % 256) }

    /// Raw chunks of the formula, counted per chunk; chunk `gated`'s first read waits for
    /// `release` (after signalling `started`), and chunk `corrupt` is stored as junk.
    final class CountingChunks: RawChunkReader, @unchecked Sendable {
        let reads = Mutex<[Int: Int]>([:])
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let gated: Int?
        let corrupt: Int?
        let pause: useconds_t

        init(gated: Int? = nil, corrupt: Int? = nil, pause: useconds_t = 0) {
            self.gated = gated
            self.corrupt = corrupt
            self.pause = pause
        }

        func rawChunk(at origin: [Int]) throws -> (bytes: [UInt8], filterMask: UInt32) {
            let chunk = origin[0] / FastPathSharedDecodeTests.rowsPerChunk
            let count = reads.withLock { reads in
                reads[chunk, default: 0] += 1
                return reads[chunk]!
            }
            if chunk == gated, count == 1 {
                started.signal()
                release.wait()
            }
            if pause > 0 { usleep(pause) }
            if chunk == corrupt { return ([0x78, 0x9c, 0xff, 0xff, 0xff], 0) }
            let rows = (origin[0])..<(origin[0] + FastPathSharedDecodeTests.rowsPerChunk)
            let bytes = rows.flatMap { row in (0..<FastPathSharedDecodeTests.rowBytes).map { value(row, $0) } }
            return (Deflater.compress(bytes), 0)
        }
    }

    static func reader(_ chunks: CountingChunks, rows: Int, cache: DecodedChunkCache) throws -> DirectChunkedReader {
        let grid = try #require(
            ChunkGrid(
                datasetShape: [rows, rowBytes], chunkShape: [rowsPerChunk, rowBytes], elementSize: 1,
                filters: [.deflate]))
        let layout = DirectLayout(
            filePath: FixturePaths.fixture("mnist_small.h5"), datasetPath: "counted", dtype: .uint8,
            swapBytes: false, shape: [rows, rowBytes], storage: .chunked(grid, .library(chunks)))
        return try DirectChunkedReader(layout: layout, cache: cache, work: ParallelWork(width: 2))
    }

    static func gather(_ reader: DirectChunkedReader, _ indices: [Int]) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: indices.count * rowBytes)
        try out.withUnsafeMutableBytes { try reader.gatherRows(indices, into: $0) }
        return out
    }

    static func expected(_ indices: [Int]) -> [UInt8] {
        indices.flatMap { row in (0..<rowBytes).map { value(row, $0) } }
    }

    /// Runs `body` on another thread; the group is left when it returns.
    static func spawn(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        Thread {
            body()
            group.leave()
        }.start()
    }

    /// Polls `condition` for up to 30 s; throws when it never holds (instead of hanging the run).
    static func waitUntil(_ condition: () -> Bool) throws {
        for _ in 0..<30_000 where !condition() { usleep(1000) }
        try #require(condition())
    }

    @Test func twoWorkersInflateEachChunkOncePerEpoch() throws {
        let rows = 64 * Self.rowsPerChunk
        let chunks = CountingChunks(pause: 300)
        let cache = DecodedChunkCache(byteBudget: 1 << 20)
        let reader = try Self.reader(chunks, rows: rows, cache: cache)
        var generator = CounterRandom(seed: 16, purpose: .shuffle)
        let order = (0..<rows).shuffled(using: &generator)
        let batches = stride(from: 0, to: rows, by: 32).map { Array(order[$0..<min($0 + 32, rows)]) }
        let wrong = Mutex(0)
        let group = DispatchGroup()
        for worker in 0..<2 {
            Self.spawn(group) {
                for batch in stride(from: worker, to: batches.count, by: 2) {
                    let got = try? Self.gather(reader, batches[batch])
                    if got != Self.expected(batches[batch]) { wrong.withLock { $0 += 1 } }
                }
            }
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(wrong.withLock { $0 } == 0)
        #expect(chunks.reads.withLock { $0 } == Dictionary(uniqueKeysWithValues: (0..<64).map { ($0, 1) }))
        #expect(cache.statistics.misses == 64)
    }

    @Test func aReaderWaitsForTheDecodeAnotherRuns() throws {
        let chunks = CountingChunks(gated: 0)
        // Nothing kept: the waiter's chunk comes from the decode itself. (With no cache, chunks are
        // decoded as far as a read needs; the first read needs all of chunk 0, row 7.)
        let cache = DecodedChunkCache(byteBudget: 0)
        let reader = try Self.reader(chunks, rows: 32, cache: cache)
        let results = Mutex<[Int: [UInt8]]>([:])
        let group = DispatchGroup()
        Self.spawn(group) {
            let got = try? Self.gather(reader, [7, 0])
            results.withLock { $0[0] = got }
        }
        chunks.started.wait()
        Self.spawn(group) {
            let got = try? Self.gather(reader, [5, 1, 9])
            results.withLock { $0[1] = got }
        }
        try Self.waitUntil { cache.statistics.sharedDecodes > 0 }
        chunks.release.signal()
        #expect(group.wait(timeout: .now() + 30) == .success)
        #expect(results.withLock { $0 } == [0: Self.expected([7, 0]), 1: Self.expected([5, 1, 9])])
        #expect(chunks.reads.withLock { $0 } == [0: 1, 1: 1])
    }

    @Test func aFailedDecodeWakesItsWaiterWhoMeetsTheErrorItself() throws {
        let chunks = CountingChunks(gated: 0, corrupt: 0)
        let cache = DecodedChunkCache()
        let reader = try Self.reader(chunks, rows: 32, cache: cache)
        let errors = Mutex<[Int: String]>([:])
        let group = DispatchGroup()
        for (k, indices) in [[3], [4, 12]].enumerated() {
            Self.spawn(group) {
                do {
                    _ = try Self.gather(reader, indices)
                } catch {
                    errors.withLock { $0[k] = "\(error)" }
                }
            }
            if k == 0 { chunks.started.wait() }
        }
        try Self.waitUntil { cache.statistics.sharedDecodes > 0 }
        chunks.release.signal()
        #expect(group.wait(timeout: .now() + 30) == .success)
        let seen = errors.withLock { $0 }
        #expect(seen.count == 2)
        #expect(seen.values.allSatisfy { $0.contains("counted") })
        // The waiter tried the chunk itself after the first decode failed.
        #expect(chunks.reads.withLock { $0[0] } == 2)
    }

    @Test func claimsSkippedAfterAFailureStillEnd() throws {
        let chunks = CountingChunks(corrupt: 0)
        let cache = DecodedChunkCache()
        let reader = try Self.reader(chunks, rows: 40 * Self.rowsPerChunk, cache: cache)
        let everyChunk = (0..<40).map { $0 * Self.rowsPerChunk }
        #expect(throws: FastPathError.self) { try Self.gather(reader, everyChunk) }
        // Every chunk the failed read claimed (decoded or skipped) can be read now: none is left
        // looking as if it were being decoded.
        let group = DispatchGroup()
        let got = Mutex<[UInt8]?>(nil)
        Self.spawn(group) {
            let read = try? Self.gather(reader, Array(everyChunk.dropFirst()))
            got.withLock { $0 = read }
        }
        #expect(group.wait(timeout: .now() + 30) == .success)
        #expect(got.withLock { $0 } == Self.expected(Array(everyChunk.dropFirst())))
    }
}
