import Testing

@testable import Batching

@Suite struct PipelineStageTimesTests {
    /// A source that reports decoding through the recorder, as an HDF5 reader does.
    func reportingSource() throws -> MappedDataSource {
        try PreprocessingTestData.imageSource(count: 40, height: 4, width: 4).map { batch in
            StageRecorder.current?.addDecode(seconds: 0.25, bytes: 1000 * batch.count)
            StageRecorder.current?.addRead(bytes: 77)
            return batch
        }
    }

    @Test(arguments: [0, 2])
    func decodeTimeReportedBySourcesOnAnyThreadReachesTheBatch(workers: Int) throws {
        let batches = try reportingSource().prefetchedBatches(
            BatchOptions(batchSize: 10), workers: workers, buffer: 2,
            preprocessor: RandomCrop(size: 3))
        var count = 0
        while let batch = try batches.next() {
            #expect(batch.times.decode == 0.25)
            #expect(batch.times.bytesDecoded == 10_000 && batch.times.bytesRead == 77)
            #expect(batch.times.read >= 0 && batch.times.preprocess >= 0)
            count += 1
        }
        #expect(count == 4)
    }

    @Test func statsFollowTheDeliveredBatches() throws {
        let stats = PipelineStatsRecorder()
        let batches = try PreprocessingTestData.imageSource(count: 100, height: 4, width: 4)
            .prefetchedBatches(BatchOptions(batchSize: 10), workers: 2, buffer: 3, stats: stats)
        for _ in 0..<4 { _ = try batches.next() }
        let snapshot = stats.snapshot()
        #expect(snapshot.batches == 4 && snapshot.samples == 40)
        #expect(snapshot.meanStageTimes.bytesRead == 10 * 16 + 10 * 8)
        #expect(snapshot.residentBytes > 0 && snapshot.peakResidentBytes >= snapshot.residentBytes)
        // The held bytes are the pipeline's: the workers fill all 5 slots ahead (6 batches remain).
        waitUntil { batches.heldBytes >= 5 * 240 }
        #expect(stats.snapshot().bufferedBytes >= 5 * 240)
        batches.close()
        #expect(stats.snapshot().bufferedBytes == 0)
    }
}
