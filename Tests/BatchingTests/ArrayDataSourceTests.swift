import Testing

@testable import Batching

@Suite struct ArrayDataSourceTests {
    let x = Tensor(shape: [5, 2], scalars: (0..<10).map(Float.init))
    let y = Tensor((0..<5).map { Int64($0 * 100) })

    func collect(_ source: some DataSource, _ options: BatchOptions) throws -> [Batch] {
        var iterator = try source.batches(options)
        var batches = [Batch]()
        while let batch = try iterator.next() { batches.append(batch) }
        return batches
    }

    @Test func columnsFollowTheIndices() throws {
        let batches = try collect(try ArrayDataSource([x, y], repeats: 2), BatchOptions(batchSize: 3))
        #expect(batches.map(\.indices) == [[0, 1, 2], [3, 4, 0], [1, 2, 3], [4]])
        #expect(batches[1].columns[0].scalars(as: Float.self) == [6, 7, 8, 9, 0, 1])
        #expect(batches[1].columns[1].scalars(as: Int64.self) == [300, 400, 0])
    }

    @Test func includeIndicesPutsThemFirst() throws {
        let source = try ArrayDataSource([x, y], includeIndices: true)
        let batch = try source.batch(
            at: BatchAddress(epoch: 0, batch: 0), BatchOptions(batchSize: 5, order: .shuffled(seed: 3)))
        #expect(batch.columns.count == 3)
        #expect(batch.columns[0].scalars(as: Int64.self) == batch.indices.map(Int64.init))
        #expect(batch.columns[2].scalars(as: Int64.self) == batch.indices.map { Int64($0 * 100) })
    }

    @Test func subsetsDrawOnlyTheirIndices() throws {
        let source = try ArrayDataSource([x, y], indices: [4, 1, 3])
        #expect(try collect(source, BatchOptions(batchSize: 2)).map(\.indices) == [[4, 1], [3]])
        let shuffled = try collect(source, BatchOptions(batchSize: 2, order: .shuffled(seed: 8))).flatMap(\.indices)
        #expect(Set(shuffled) == [1, 3, 4])
    }

    @Test func inconsistentLengthsNameBothLengths() {
        let short = Tensor((0..<4).map(Int64.init))
        #expect(throws: BatchingError.inconsistentLengths([5, 4])) { try ArrayDataSource([x, short]) }
        #expect(BatchingError.inconsistentLengths([5, 4]).description.contains("column 0 has 5, column 1 has 4"))
    }

    @Test func samplerCombinationsBatchUpRefuses() throws {
        let sampler = try WeightedSampler(weights: [1, 1, 1, 1, 1])
        #expect(throws: BatchingError.samplerWithRepeats(2)) { try ArrayDataSource([x], repeats: 2, sampler: sampler) }
        #expect(throws: BatchingError.samplerWithIndices) { try ArrayDataSource([x], indices: [0], sampler: sampler) }
        #expect(throws: BatchingError.invalidRepeats(0)) { try ArrayDataSource([x], repeats: 0) }
        #expect(throws: BatchingError.indexOutOfRange(index: 9, count: 5)) { try ArrayDataSource([x], indices: [9]) }
        #expect(throws: BatchingError.self) { try ArrayDataSource([x], sampler: StandardSampler(count: 6)) }
        // Pass samplers repeat like the default one (BatchUp has none to refuse).
        let shard = try ShardedSampler(base: StandardSampler(count: 5), rank: 0, worldSize: 2)
        let repeatedShard = try ArrayDataSource([x], repeats: 2, sampler: shard)
        #expect(try repeatedShard.plan(BatchOptions(batchSize: 6)).indices(epoch: 0, batch: 0) == [0, 2, 4, 0, 2, 4])
        let weighted = try ArrayDataSource([x], sampler: sampler)
        #expect(throws: BatchingError.inOrderWithWeightedSampler) {
            try weighted.batchCount(BatchOptions(batchSize: 2))
        }
    }

    @Test func mapTransformsEveryBatchAndKeepsTheAddress() throws {
        let doubled = try ArrayDataSource([x, y]).map { batch in
            var batch = batch
            batch.columns[0] = Tensor(
                shape: batch.columns[0].shape,
                scalars: batch.columns[0].scalars(as: Float.self).map { $0 * 2 })
            return batch
        }
        let batches = try collect(doubled, BatchOptions(batchSize: 4))
        #expect(batches[1].address == BatchAddress(epoch: 0, batch: 1))
        #expect(batches[1].columns[0].scalars(as: Float.self) == [16, 18])
    }

    @Test func compositeSourcesFlattenAndKeepStructure() throws {
        let labelled = try ArrayDataSource([x, y], repeats: -1)
        let unlabelled = try ArrayDataSource([Tensor((0..<12).map(Int16.init))])
        let composite = try CompositeDataSource([labelled, unlabelled])
        let options = BatchOptions(batchSize: 4, order: .shuffled(seed: 1))
        #expect(try composite.batchCount(options) == 3, "the endless member does not count as shorter")
        let batches = try collect(composite, options)
        #expect(batches.count == 3)
        #expect(batches[0].columns.count == 3)
        #expect(batches[0].members.count == 2)
        #expect(
            batches[0].members[1].columns[0].scalars(as: Int16.self) == batches[0].members[1].indices.map(Int16.init))
        #expect(Set(batches.flatMap { $0.members[1].indices }) == Set(0..<12))
        // Members are shuffled independently.
        let plain = try unlabelled.batch(at: BatchAddress(epoch: 0, batch: 0), options)
        #expect(batches[0].members[1].indices != plain.indices)
        // Nesting.
        let nested = try CompositeDataSource([composite, unlabelled])
        #expect(try nested.batch(at: BatchAddress(epoch: 0, batch: 2), options).columns.count == 4)
    }

    @Test func compositeLengthsMustMatchUnlessTheCallerChoosesToStop() throws {
        let five = try ArrayDataSource([x])
        let twelve = try ArrayDataSource([Tensor((0..<12).map(Int16.init))])
        let options = BatchOptions(batchSize: 4)
        #expect(throws: BatchingError.compositeLengthsDiffer([2, 3])) {
            try CompositeDataSource([five, twelve]).batchCount(options)
        }
        let stopping = try CompositeDataSource([five, twelve], lengths: .stopAtShortest)
        #expect(try stopping.batchCount(options) == 2)
        #expect(BatchingError.compositeLengthsDiffer([2, 3]).description.contains("stopAtShortest"))
    }
}
