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
}
