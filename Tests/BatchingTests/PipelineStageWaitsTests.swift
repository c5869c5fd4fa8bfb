import Foundation
import Testing

@testable import Batching

/// ``StageWaits``: where the prefetch pipeline's threads spend their time, told apart by making
/// one side of the pipeline far slower than the other (a 30 ms sleep against none), so that the
/// figures say which side waits whatever the machine's load.
@Suite struct PipelineStageWaitsTests {
    static let pause: useconds_t = 30_000

    /// `count` batches on `workers` threads, each batch's work sleeping ``pause`` when `slowWork`.
    func pipeline(_ count: Int, workers: Int, buffer: Int, slowWork: Bool) -> PrefetchIterator<Int> {
        let sequence = AddressSequence(start: BatchAddress(epoch: 0, batch: 0), batchesPerEpoch: count, endEpoch: 1)
        return PrefetchIterator<Int>(sequence: sequence, workers: workers, buffer: buffer) { address, output in
            if slowWork { usleep(Self.pause) }
            output = address.batch
        }
    }

    @Test func aSlowConsumerLeavesTheWorkersBlockedOnAFullBuffer() throws {
        let batches = pipeline(12, workers: 2, buffer: 3, slowWork: false)
        var taken = 0
        while try batches.next() != nil {
            taken += 1
            usleep(Self.pause)
        }
        let waits = batches.stageWaits
        #expect(waits.workers.count == 2 && waits.queueCapacity == 5)
        #expect(waits.consumer.batches == taken && taken == 12)
        #expect(waits.workers.reduce(0) { $0 + $1.batches } == 12)
        let blocked = waits.workers.reduce(0) { $0 + $1.blockedOnOutput } / 2
        #expect(waits.share(blocked) > 0.5, "\(waits)")
        #expect(waits.share(waits.consumer.waitingForInput) < 0.2, "\(waits)")
        // The buffer is full at every take but the first few and the last ones (12 batches, 5 slots).
        #expect(waits.meanQueueDepth > 2, "\(waits)")
    }

    @Test func slowWorkersLeaveTheConsumerWaitingForBatches() throws {
        let batches = pipeline(8, workers: 2, buffer: 3, slowWork: true)
        while try batches.next() != nil {}
        let waits = batches.stageWaits
        #expect(waits.consumer.batches == 8)
        #expect(waits.share(waits.consumer.waitingForInput) > 0.5, "\(waits)")
        let busy = waits.workers.reduce(0) { $0 + $1.busy }
        #expect(busy >= 8 * Double(Self.pause) / 1e6, "every batch's sleep counts as busy: \(waits)")
        for worker in waits.workers {
            #expect(worker.blockedOnOutput < worker.busy, "\(waits)")
            #expect(worker.busy + worker.waitingForInput + worker.blockedOnOutput <= waits.elapsed + 1e-3)
        }
    }

    @Test func withoutWorkersTheConsumerPreparesAndNeverWaits() throws {
        let batches = pipeline(3, workers: 0, buffer: 2, slowWork: true)
        while try batches.next() != nil {}
        let waits = batches.stageWaits
        #expect(waits.workers.isEmpty && waits.consumer.batches == 3)
        #expect(waits.consumer.busy >= 3 * Double(Self.pause) / 1e6 && waits.consumer.waitingForInput == 0)
        #expect(waits.meanQueueDepth == 0)
    }

    @Test func theFiguresBetweenTwoSnapshotsAreTheirDifference() {
        let earlier = StageWaits(
            elapsed: 1, workers: [.init(busy: 0.5, waitingForInput: 0.1, blockedOnOutput: 0.2, batches: 4)],
            consumer: .init(waitingForInput: 0.3, batches: 4), queueDepthSum: 8, queueDepthNow: 2, queueCapacity: 5)
        let later = StageWaits(
            elapsed: 3, workers: [.init(busy: 1.5, waitingForInput: 0.1, blockedOnOutput: 0.6, batches: 10)],
            consumer: .init(waitingForInput: 0.4, batches: 10), queueDepthSum: 26, queueDepthNow: 4, queueCapacity: 5)
        let window = later.since(earlier)
        #expect(window.elapsed == 2 && window.workers[0].batches == 6 && window.consumer.batches == 6)
        #expect(abs(window.workers[0].busy - 1) < 1e-12 && abs(window.workers[0].blockedOnOutput - 0.4) < 1e-12)
        #expect(window.meanQueueDepth == 3 && window.queueDepthNow == 4)
        #expect(window.share(window.workers[0].busy) == 0.5)
    }

    @Test func pipelineStatsCarryTheWaitsOfThePrefetchedBatches() throws {
        let stats = PipelineStatsRecorder()
        let batches = try PreprocessingTestData.imageSource(count: 40, height: 4, width: 4)
            .prefetchedBatches(BatchOptions(batchSize: 10), workers: 2, buffer: 2, stats: stats)
        while try batches.next() != nil {}
        let waits = try #require(stats.snapshot().waits)
        #expect(waits.consumer.batches == 4 && waits.workers.reduce(0) { $0 + $1.batches } == 4)
    }
}
