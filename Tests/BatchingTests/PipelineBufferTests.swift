import Testing

@testable import Batching

/// The prefetch buffer never holds more places than the run has batches.
@Suite struct PipelineBufferTests {
    @Test func aHugeBufferIsCappedAtTheRunsBatches() throws {
        let run = AddressSequence(start: BatchAddress(epoch: 0, batch: 0), batchesPerEpoch: 4, endEpoch: 1)
        #expect(PrefetchIterator<Int>.effectiveBuffer(requested: 100_000_000, for: run) == 4)
        #expect(PrefetchIterator<Int>.effectiveBuffer(requested: 2, for: run) == 2)
        #expect(PrefetchIterator<Int>.effectiveBuffer(requested: 0, for: run) == 1)
        let endless = AddressSequence(start: BatchAddress(epoch: 0, batch: 0), batchesPerEpoch: nil, endEpoch: nil)
        #expect(PrefetchIterator<Int>.effectiveBuffer(requested: 64, for: endless) == 64)
        // The iterator itself applies it, and still delivers every batch in order.
        let iterator = PrefetchIterator<Int>(sequence: run, workers: 2, buffer: 100_000_000) { address, slot in
            slot = address.batch
        }
        #expect(iterator.buffer == 4)
        var delivered = [Int]()
        while let value = try iterator.next() { delivered.append(value) }
        #expect(delivered == [0, 1, 2, 3])
    }
}
