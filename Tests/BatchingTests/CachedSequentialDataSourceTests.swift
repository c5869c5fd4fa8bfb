import Testing

@testable import Batching

/// A forward-only source made addressable: what the inspector and `bench` walk.
@Suite struct CachedSequentialDataSourceTests {
    typealias Data = BatchUpPortData
    let x = Data.arange(45)

    /// 45 samples in batches cut by the options, shuffled per epoch when asked.
    func generated(sampleCount: SampleCount = .finite(45)) -> CallableDataSource {
        let x = x
        return CallableDataSource(sampleCount: sampleCount) { options, epoch in
            try ArrayDataSource([x]).batches(options, startingAt: BatchAddress(epoch: epoch, batch: 0)).columnStream()
        }
    }

    @Test func iteratesLikeTheSourceAndStepsBackWithinTheCache() throws {
        let options = BatchOptions(batchSize: 10, order: .shuffled(seed: 4))
        let cached = try CachedSequentialDataSource(generated(), options: options, capacity: 3)
        #expect(try cached.batchCount(options) == 5)
        var reference = generated().sequentialBatches(options, epochs: 2)
        var iterator = try cached.batches(options, epochs: 2)
        var seen = [Batch]()
        while let batch = try iterator.next() {
            let expected = try #require(try reference.next())
            #expect(batch.address == expected.address && batch.columns == expected.columns)
            seen.append(batch)
        }
        #expect(seen.count == 10)
        #expect(try reference.next() == nil)
        // The last three are kept; going back to one of them gives the same batch …
        #expect(try cached.batch(at: BatchAddress(epoch: 1, batch: 2), options).columns == seen[7].columns)
        // … and further back is refused with a sentence.
        let refusal = #expect(throws: BatchingError.self) {
            try cached.batch(at: BatchAddress(epoch: 0, batch: 1), options)
        }
        #expect(refusal.map { "\($0)" }?.contains("reads forward only") == true)
        #expect(throws: BatchingError.self) { try cached.batchCount(BatchOptions(batchSize: 5)) }
    }

    @Test func thePrefetchPipelineReadsItInOrder() throws {
        let options = BatchOptions(batchSize: 10)
        let cached = try CachedSequentialDataSource(generated(sampleCount: .unknown), options: options, capacity: 8)
        #expect(try cached.batchCount(options) == nil)
        let batches = try cached.prefetchedBatches(options, workers: 2, buffer: 3)
        var rows = [Int64]()
        for _ in 0..<10 { rows += try #require(try batches.next()).raw.columns[0].scalars(as: Int64.self) }
        // An unknown count: one endless epoch running through the source's own epochs (5 batches
        // each, the fifth holding 5 samples).
        let expected: [Int64] = (0..<45).map(Int64.init) + (0..<45).map(Int64.init)
        #expect(rows == expected)
    }

    @Test func aWrongSampleCountIsNamed() throws {
        let options = BatchOptions(batchSize: 10)
        let cached = try CachedSequentialDataSource(generated(sampleCount: .finite(30)), options: options)
        #expect(try cached.batchCount(options) == 3)
        _ = try cached.batch(at: BatchAddress(epoch: 0, batch: 2), options)
        let error = #expect(throws: BatchingError.self) {
            try cached.batch(at: BatchAddress(epoch: 1, batch: 0), options)
        }
        #expect(error.map { "\($0)" }?.contains("3 batches an epoch") == true)
    }

    @Test func positionsAndProgressSayWhereEachBatchStands() throws {
        let options = BatchOptions(batchSize: 10)
        let cached = try CachedSequentialDataSource(generated(sampleCount: .unknown), options: options, capacity: 3)
        let address = { (batch: Int) in BatchAddress(epoch: 0, batch: batch) }
        #expect(cached.position(of: address(0)) == .ahead(unread: 0))
        #expect(cached.progress.batches == 0 && !cached.progress.ended)
        // Batch 6 of the endless stream is the second batch of the source's second epoch: its
        // first sample is the 55th the source gave (45 + 10); its rows are samples 10…19.
        let (batch, first) = try cached.positionedBatch(at: address(6), options)
        #expect(first == 55 && batch.columns[0].scalars(as: Int64.self) == (10..<20).map(Int64.init))
        #expect(cached.progress.batches == 7)
        #expect(cached.position(of: address(4)) == .kept(firstSample: 40))
        #expect(cached.position(of: address(3)) == .letGo)
        #expect(cached.position(of: address(9)) == .ahead(unread: 2))
        // An unknown length is one epoch.
        #expect(cached.position(of: BatchAddress(epoch: 1, batch: 0)) == .outOfRange)
        #expect(cached.position(of: address(-1)) == .outOfRange)
    }

    @Test func theByteLimitKeepsFewerBatchesButAlwaysTheLast() throws {
        let options = BatchOptions(batchSize: 10)
        // A batch of 10 int64 samples is 80 bytes: a 200-byte limit keeps two.
        let cached = try CachedSequentialDataSource(generated(), options: options, byteLimit: 200)
        _ = try cached.batch(at: BatchAddress(epoch: 0, batch: 3), options)
        #expect(cached.position(of: BatchAddress(epoch: 0, batch: 2)) == .kept(firstSample: 20))
        #expect(cached.position(of: BatchAddress(epoch: 0, batch: 1)) == .letGo)
        let tiny = try CachedSequentialDataSource(generated(), options: options, byteLimit: 1)
        _ = try tiny.batch(at: BatchAddress(epoch: 0, batch: 2), options)
        #expect(tiny.position(of: BatchAddress(epoch: 0, batch: 2)) == .kept(firstSample: 20))
        #expect(tiny.position(of: BatchAddress(epoch: 0, batch: 1)) == .letGo)
    }

    @Test func theEndOfAnUnknownLengthIsRecorded() throws {
        let options = BatchOptions(batchSize: 2)
        let stream = IteratorDataSource([[Data.arange(2)], [Data.arange(2)], [Data.arange(1)]])
        let cached = try CachedSequentialDataSource(stream, options: options)
        #expect(throws: BatchingError.self) { try cached.batch(at: BatchAddress(epoch: 0, batch: 3), options) }
        #expect(cached.progress.batches == 3 && cached.progress.ended)
        #expect(cached.position(of: BatchAddress(epoch: 0, batch: 2)) == .kept(firstSample: 4))
    }
}
