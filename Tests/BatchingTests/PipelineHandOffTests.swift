import Foundation
import Synchronization
import Testing

@testable import Batching

/// How batches pass from the threads that prepare them to the consumer: every combination of
/// workers, buffer and a helping consumer delivers every batch once, in order, and the stream
/// ends (no lost wake-up leaves a thread asleep); a helping consumer prepares batches itself;
/// outputs go back to the thread that prepared them.
@Suite struct PipelineHandOffTests {
    /// Runs `body` on its own thread and waits at most `seconds` for it: `false` if it hung.
    func finishes(within seconds: Double, _ body: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            body()
            done.signal()
        }
        return done.wait(timeout: .now() + seconds) == .success
    }

    @Test(arguments: [false, true])
    func everyBatchArrivesOnceInOrderAndTheStreamEnds(consumerHelps: Bool) {
        // Tiny batches make hand-offs as frequent as they get, the end of the stream included.
        for workers in [1, 2, 3] {
            for buffer in [1, 2, 4, 7] {
                let run = AddressSequence(start: BatchAddress(epoch: 0, batch: 0), batchesPerEpoch: 97, endEpoch: 20)
                let delivered = Mutex<[Int]>([])
                let ended = finishes(within: 60) {
                    let batches = PrefetchIterator<Int>(
                        sequence: run, workers: workers, buffer: buffer, consumerHelps: consumerHelps
                    ) { address, slot in slot = address.epoch * 97 + address.batch }
                    while let value = try? batches.next() { delivered.withLock { $0.append(value) } }
                }
                #expect(ended, "workers \(workers), buffer \(buffer): the stream did not end")
                #expect(delivered.withLock { $0 } == Array(0..<(97 * 20)), "workers \(workers), buffer \(buffer)")
            }
        }
    }

    @Test func aHelpingConsumerPreparesBatchesItselfAndTheWorkersTheRest() throws {
        let run = AddressSequence(start: BatchAddress(epoch: 0, batch: 0), batchesPerEpoch: 40, endEpoch: 1)
        let consumer = pthread_self()
        let byConsumer = Atomic<Int>(0)
        let batches = PrefetchIterator<Int>(sequence: run, workers: 1, buffer: 2, consumerHelps: true) {
            address, slot in
            if pthread_equal(pthread_self(), consumer) != 0 { byConsumer.add(1, ordering: .relaxed) }
            usleep(2000) // slow enough that the consumer never finds its next batch ready at once
            slot = address.batch
        }
        var delivered = [Int]()
        while let value = try batches.next() { delivered.append(value) }
        #expect(delivered == Array(0..<40))
        let mine = byConsumer.load(ordering: .relaxed)
        #expect(mine > 0 && mine < 40, "the consumer prepared \(mine) of 40")
        let waits = batches.stageWaits
        #expect(waits.consumer.busy > 0 && waits.workers[0].busy > 0)
    }

    @Test func aFailureInABatchTheConsumerPreparedReachesItOnceInOrder() throws {
        let run = AddressSequence(start: BatchAddress(epoch: 0, batch: 0), batchesPerEpoch: 30, endEpoch: 1)
        struct Broken: Error {}
        let batches = PrefetchIterator<Int>(sequence: run, workers: 1, buffer: 1, consumerHelps: true) {
            address, slot in
            usleep(500)
            if address.batch == 17 { throw Broken() }
            slot = address.batch
        }
        var delivered = [Int]()
        var failedAt: BatchAddress?
        do {
            while let value = try batches.next() { delivered.append(value) }
        } catch let error as PipelineError {
            failedAt = error.address
        }
        #expect(delivered == Array(0..<17) && failedAt == BatchAddress(epoch: 0, batch: 17))
        #expect(try batches.next() == nil)
    }

    @Test func outputsGoBackToTheThreadThatPreparedThem() {
        var pool = _OutputPool<String>(capacity: 4, limit: nil, homes: 3)
        // Three outputs in use, made fresh.
        #expect(pool.take(home: 0) == nil && pool.take(home: 1) == nil && pool.take(home: 2) == nil)
        pool.recycle("made by 1", home: 1)
        pool.recycle("made by 2", home: 2)
        // Each home is given its own back, though another's was returned last.
        #expect(pool.take(home: 1) == "made by 1")
        pool.recycle("made by 0", home: 0)
        #expect(pool.take(home: 2) == "made by 2")
        #expect(pool.take(home: 0) == "made by 0")
        #expect(pool.reusedCount == 3 && pool.freshCount == 3)
    }

    @Test func aHomeWithoutFreeOutputsTakesAnothersRatherThanExceedTheBound() {
        var pool = _OutputPool<String>(capacity: 2, limit: 2, homes: 2)
        #expect(pool.take(home: 0) == nil && pool.take(home: 0) == nil) // the two allowed
        pool.recycle("a", home: 0)
        // Home 1 has none free, and no third output may be made: it is given home 0's.
        #expect(pool.canSupply)
        #expect(pool.take(home: 1) == "a")
        #expect(!pool.canSupply)
        // Without a limit, as many outputs as the pool keeps may exist before others' are taken.
        var open = _OutputPool<String>(capacity: 2, limit: nil, homes: 2)
        #expect(open.take(home: 0) == nil && open.take(home: 0) == nil)
        open.recycle("x", home: 0)
        open.recycle("y", home: 0)
        #expect(open.take(home: 1) == "y") // two exist already: reuse rather than make a third
    }
}
