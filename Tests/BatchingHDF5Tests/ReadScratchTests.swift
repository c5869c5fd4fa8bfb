import Batching
import Testing

@testable import BatchingHDF5

/// The scratch buffers whole-file reads convert their parts from: one buffer per holder at once,
/// kept and handed out again rather than allocated per part.
@Suite struct ReadScratchTests {
    static func address(_ bytes: UnsafeMutableRawBufferPointer) -> Int { Int(bitPattern: bytes.baseAddress) }

    @Test func aBufferGivenBackIsHandedOutAgain() {
        let scratch = ReadScratch()
        let first = scratch.withBuffer(byteCount: 810_000) { bytes in
            #expect(bytes.count == 810_000)
            bytes.storeBytes(of: 7, toByteOffset: 809_999, as: UInt8.self) // every byte is writable
            return Self.address(bytes)
        }
        let again = scratch.withBuffer(byteCount: 500_000) { Self.address($0) }
        #expect(first == again)
        #expect(scratch.bufferCount == 1 && scratch.bytesKept == 810_000)
    }

    @Test func holdersAtTheSameTimeGetTheirOwnBuffers() {
        let scratch = ReadScratch()
        let (outer, inner) = scratch.withBuffer(byteCount: 4096) { outer in
            (Self.address(outer), scratch.withBuffer(byteCount: 4096) { Self.address($0) })
        }
        #expect(outer != inner)
        #expect(scratch.bufferCount == 2)
    }

    @Test func aBufferTooSmallIsReplacedAndAHugeOneIsNotKept() {
        let scratch = ReadScratch()
        scratch.withBuffer(byteCount: 1000) { _ in }
        scratch.withBuffer(byteCount: 300_000) { #expect($0.count == 300_000) }
        #expect(scratch.bufferCount == 1 && scratch.bytesKept == 300_000)
        scratch.withBuffer(byteCount: ReadScratch.keptBytes + 1) { #expect($0.count == ReadScratch.keptBytes + 1) }
        #expect(scratch.bufferCount == 1 && scratch.bytesKept == 300_000)
    }

    @Test func anErrorStillGivesTheBufferBack() {
        struct Failure: Error {}
        let scratch = ReadScratch()
        #expect(throws: Failure.self) { try scratch.withBuffer(byteCount: 64) { _ in throw Failure() } }
        #expect(scratch.bufferCount == 1)
    }
}
