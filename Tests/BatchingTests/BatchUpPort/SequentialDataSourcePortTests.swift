import Testing

@testable import Batching

/// Ports of BatchUp 0.2.3's `test_CallableDataSource` and `test_IteratorDataSource`.
@Suite struct SequentialDataSourcePortTests {
    typealias Data = BatchUpPortData
    let x = Data.arange(45)
    let y = Data.arange(45, 2)

    /// BatchUp's `make_batch_iterator_callable(X, Y)`: an array source's batches do the work.
    func callable(sampleCount: SampleCount = .unknown) -> CallableDataSource {
        let (x, y) = (x, y)
        return CallableDataSource(sampleCount: sampleCount) { options, epoch in
            try ArrayDataSource([x, y]).batches(options, startingAt: BatchAddress(epoch: epoch, batch: 0))
                .columnStream()
        }
    }

    func collect(_ iterator: SequentialBatchIterator) throws -> [Batch] {
        var iterator = iterator
        var batches = [Batch]()
        while let batch = try iterator.next() { batches.append(batch) }
        return batches
    }

    /// Three batches of 15, in order: X[:15], Y[:15], …
    func expectInOrder(_ batches: [Batch]) {
        #expect(batches.count == 3)
        for (k, batch) in batches.enumerated() {
            #expect(batch.columns.count == 2 && batch.count == 15)
            #expect(batch.columns[0].scalars(as: Int64.self) == Data.rows(x, (k * 15)..<(k * 15 + 15)))
            #expect(batch.columns[1].scalars(as: Int64.self) == Data.rows(y, (k * 15)..<(k * 15 + 15)))
            #expect(batch.address == BatchAddress(epoch: 0, batch: k))
        }
    }

    /// Three shuffled batches: one permutation of the 45 rows, X and Y rows together.
    func expectShuffled(_ batches: [Batch]) {
        #expect(batches.count == 3)
        let order = batches.flatMap { $0.columns[0].scalars(as: Int64.self).map(Int.init) }
        #expect(order.sorted() == Array(0..<45) && order != Array(0..<45))
        #expect(batches.flatMap { $0.columns[1].scalars(as: Int64.self) } == Data.rows(y, order))
    }

    @Test func callableDataSource() throws {
        let source = callable()
        #expect(!(source as Any is any RandomAccessDataSource) && !(source as Any is any DataSource))
        #expect(try source.sampleCount(BatchOptions(batchSize: 15)) == .unknown)
        expectInOrder(try collect(source.sequentialBatches(BatchOptions(batchSize: 15))))
        expectShuffled(
            try collect(source.sequentialBatches(BatchOptions(batchSize: 15, order: .shuffled(seed: 12345)))))
        // The options reach the closure, and a sample count computed from them reaches the caller.
        let threeBatches: @Sendable (BatchOptions) -> SampleCount = { .finite($0.batchSize * 3) }
        let computed = CallableDataSource(sampleCount: threeBatches) { options, _ in
            #expect(options.batchSize == 5)
            return SequentialBatchStream { nil }
        }
        #expect(try computed.sampleCount(BatchOptions(batchSize: 5)) == .finite(15))
        #expect(try collect(computed.sequentialBatches(BatchOptions(batchSize: 5))).isEmpty)
        #expect(try callable(sampleCount: .finite(42)).sampleCount(BatchOptions(batchSize: 5)) == .finite(42))
        #expect(try callable(sampleCount: .infinite).sampleCount(BatchOptions(batchSize: 5)) == .infinite)
    }

    @Test func callableEpochsAreFreshAndSeekingRefuses() throws {
        let batches = try collect(
            callable().sequentialBatches(BatchOptions(batchSize: 15, order: .shuffled(seed: 1)), epochs: 3))
        #expect(batches.map(\.address.epoch) == [0, 0, 0, 1, 1, 1, 2, 2, 2])
        #expect(batches[0].columns[0] != batches[3].columns[0], "each epoch reshuffles")
        var iterator = callable().sequentialBatches(BatchOptions(batchSize: 15))
        _ = try iterator.next()
        #expect(throws: BatchingError.self) { try iterator.seek(to: BatchAddress(epoch: 0, batch: 0)) }
        try iterator.seek(to: BatchAddress(epoch: 0, batch: 1))
        let refusal = #expect(throws: BatchingError.self) { try iterator.seek(to: BatchAddress(epoch: 0, batch: 2)) }
        #expect(refusal.map { "\($0)" }?.contains("forward only") == true)
    }

    @Test func iteratorDataSource() throws {
        let inOrder = try Self.columns(ArrayDataSource([x, y]).batches(BatchOptions(batchSize: 15)))
        let source = IteratorDataSource(inOrder)
        #expect(!(source as Any is any RandomAccessDataSource))
        #expect(try source.sampleCount(BatchOptions(batchSize: 1)) == .unknown)
        // The batch size asked for is ignored: the batches are made already.
        expectInOrder(try collect(source.sequentialBatches(BatchOptions(batchSize: 4), epochs: 5)))
        let shuffled = try Self.columns(
            ArrayDataSource([x, y]).batches(BatchOptions(batchSize: 15, order: .shuffled(seed: 12345))))
        expectShuffled(try collect(IteratorDataSource(shuffled).sequentialBatches(BatchOptions(batchSize: 15))))
        #expect(
            try IteratorDataSource(inOrder, sampleCount: .finite(42)).sampleCount(BatchOptions(batchSize: 1))
                == .finite(42))
        #expect(
            try IteratorDataSource(inOrder, sampleCount: .infinite).sampleCount(BatchOptions(batchSize: 1)) == .infinite
        )
        // Read once: a second walk finds it empty, as BatchUp's iterator would be.
        var again = source.sequentialBatches(BatchOptions(batchSize: 15))
        #expect(try again.next() == nil)
    }

    static func columns(_ iterator: BatchIterator) throws -> [[Tensor]] {
        var iterator = iterator
        var result = [[Tensor]]()
        while let batch = try iterator.next() { result.append(batch.columns) }
        return result
    }

    /// test_CompositeDataSource_no_random_access and test_ChoiceDataSource's callable half: a
    /// forward-only member (made addressable by ``CachedSequentialDataSource``) makes a composite
    /// or a choice not random access, and gathering by index names the member; iterating works.
    @Test func forwardOnlyMembersAreNotRandomAccess() throws {
        let options = BatchOptions(batchSize: 10, order: .shuffled(seed: 5))
        let supervised = try CachedSequentialDataSource(callable(), options: options)
        let unsupervised = try ArrayDataSource([Data.arange(33, 10)])
        let gan = try CompositeDataSource([supervised, unsupervised, unsupervised])
        let structured = try CompositeDataSource([supervised, unsupervised], flatten: false)
        #expect(!gan.isRandomAccess && !structured.isRandomAccess)
        let refusal = #expect(throws: BatchingError.self) {
            try gan.samples(at: .members([.rows(Array(0..<10)), .rows(Array(0..<10)), .rows(Array(0..<10))]))
        }
        #expect(refusal.map { "\($0)" }?.contains("member 0 of the composite") == true)
        let batches = try Data.collect(gan, options)
        #expect(
            batches.map(\.count) == [10, 10, 10, 3], "the forward-only member has no count, so the arrays set the epoch"
        )
        #expect(batches.allSatisfy { $0.columns.count == 4 })
        let choice = try ChoiceDataSource([supervised, unsupervised])
        #expect(!choice.isRandomAccess)
        #expect(throws: BatchingError.self) { try choice.samples(at: .choice(member: 0, .rows(Array(0..<5)))) }
        #expect(try choice.samples(at: .choice(member: 1, .rows(Array(0..<5)))).count == 5)
    }
}
