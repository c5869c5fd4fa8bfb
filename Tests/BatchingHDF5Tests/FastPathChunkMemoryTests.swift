import Batching
import Testing

@testable import BatchingHDF5

/// Decoded chunks come from the library's one allocator: mapped pages from 64 KiB up, counted in
/// the heap reading of the memory probe like large tensors.
@Suite("Decoded-chunk memory")
struct FastPathChunkMemoryTests {
    @Test func largeDecodedChunksAreMappedAndCountedInTheHeapReading() throws {
        // 512 MiB of untouched pages cost no resident memory, and no other suite holds as much at
        // once, so the reading can only reach it by counting this chunk.
        let bytes = 512 << 20
        let chunk = DecodedChunk(byteCount: bytes)
        #expect(chunk.byteCount == bytes)
        #expect(PageAllocation.bytesMapped >= bytes)
        guard let heap = ProcessMemoryProbe().heapInUse() else { return } // no mallinfo2 on this platform
        #expect(heap >= bytes, "heap \(heap) with a 512 MiB decoded chunk alive")
        withExtendedLifetime(chunk) {}
    }

    @Test func chunksAreWritableAndSmallOnesComeFromMalloc() {
        let small = PageAllocation(byteCount: 1000, policy: .decodedChunks)
        #expect(small.mappedLength == 0)
        small.free()
        let large = PageAllocation(byteCount: 100_000, policy: .decodedChunks)
        #expect(large.mappedLength >= 100_000 && large.mappedLength < 100_000 + 65_536)
        #expect(Int(bitPattern: large.bytes) % PageAllocation.alignment == 0)
        large.free()
        let chunk = DecodedChunk(byteCount: 200_000)
        chunk.bytes.initializeMemory(as: UInt8.self, repeating: 7)
        #expect(chunk.bytes.allSatisfy { $0 == 7 })
    }

    /// A dropped chunk's memory serves the next chunk of its size (the same pages, so no new
    /// mapping and no page faults), an ask a quarter smaller or any larger gets other memory,
    /// and the spares never pass the pool's bound (what does not fit is freed).
    @Test func droppedChunksAreReusedWithinTheBound() {
        let pool = ChunkBufferPool(byteBound: 3 * 200_000)
        var first: DecodedChunk? = DecodedChunk(byteCount: 200_000, pool: pool)
        let address = first?.bytes.baseAddress
        first = nil
        #expect(pool.bytesHeld == 200_000)
        let again = DecodedChunk(byteCount: 200_000, pool: pool)
        #expect(again.bytes.baseAddress == address && again.byteCount == 200_000)
        #expect(pool.bytesHeld == 0)
        var chunks: [DecodedChunk]? = (0..<5).map { _ in DecodedChunk(byteCount: 200_000, pool: pool) }
        chunks = nil
        #expect(pool.bytesHeld == 3 * 200_000)
        let smaller = DecodedChunk(byteCount: 150_000, pool: pool) // a quarter less than 200,000: no spare fits
        #expect(pool.bytesHeld == 3 * 200_000)
        let larger = DecodedChunk(byteCount: 200_001, pool: pool)
        #expect(pool.bytesHeld == 3 * 200_000)
        let slightlySmaller = DecodedChunk(byteCount: 170_000, pool: pool)
        #expect(pool.bytesHeld == 2 * 200_000 && slightlySmaller.byteCount == 170_000)
        _ = DecodedChunk(byteCount: 1000, pool: pool) // from malloc, and freed to it: not kept
        #expect(pool.bytesHeld == 2 * 200_000)
        pool.removeAll()
        #expect(pool.bytesHeld == 0)
        withExtendedLifetime((again, chunks, smaller, larger)) {}
    }
}
