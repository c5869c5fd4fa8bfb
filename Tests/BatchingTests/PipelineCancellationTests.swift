import Foundation
import Synchronization
import Testing

@testable import Batching

/// A counter shared with worker threads.
final class PreparedCounter: Sendable {
    let value = Atomic<Int>(0)
    var count: Int { value.load(ordering: .relaxed) }
}

@Suite struct PipelineCancellationTests {
    /// An iterator whose batches are their own address, prepared slowly.
    func slowIterator(workers: Int, prepared: PreparedCounter? = nil) -> PrefetchIterator<BatchAddress> {
        PrefetchIterator<BatchAddress>(
            sequence: AddressSequence(start: BatchAddress(epoch: 0, batch: 0), batchesPerEpoch: 50, endEpoch: 3),
            workers: workers, buffer: 2
        ) { address, slot in
            usleep(2000)
            prepared?.value.add(1, ordering: .relaxed)
            slot = address
        }
    }

    @Test(arguments: [1, 3])
    func seekingWhileWorkersAreBusyDropsTheirOldBatches(workers: Int) throws {
        let iterator = slowIterator(workers: workers)
        #expect(try iterator.next() == BatchAddress(epoch: 0, batch: 0))
        iterator.seek(to: BatchAddress(epoch: 2, batch: 47))
        var rest = [BatchAddress]()
        while let address = try iterator.next() { rest.append(address) }
        #expect(rest == (47..<50).map { BatchAddress(epoch: 2, batch: $0) })
        iterator.seek(to: BatchAddress(epoch: 1, batch: 0))
        #expect(try iterator.next() == BatchAddress(epoch: 1, batch: 0))
    }

    @Test func closeWaitsForABusyWorkerAndStopsTheRest() throws {
        let prepared = PreparedCounter()
        let iterator = slowIterator(workers: 2, prepared: prepared)
        _ = try iterator.next()
        iterator.close()
        let afterClose = prepared.count
        usleep(20_000)
        #expect(prepared.count == afterClose) // nothing runs after close returns
        #expect(try iterator.next() == nil)
    }
}
