import Testing

@testable import Batching

/// Ports of every `num_samples()` assertion of BatchUp 0.2.3's `test_data_source.py`
/// (`sampleCount(_:)`: `.finite(n)`, `.infinite` for `np.inf`, `.unknown` for `None`), the
/// BatchUp test each comes from named beside it.
@Suite struct SampleCountPortTests {
    typealias Data = BatchUpPortData
    let options = BatchOptions(batchSize: 15)

    /// `test_RandomAccessDataSource_repeated_small_dataset`, `…_indices_repeated_small_dataset`:
    /// 20 samples (or 20 indices into 40) repeated 16 times are 320.
    @Test func repeatedSmallDatasets() throws {
        let whole = try ArrayDataSource([Data.arange(20)], repeats: 16)
        let subset = try ArrayDataSource([Data.arange(40)], indices: Array(stride(from: 0, to: 40, by: 2)), repeats: 16)
        #expect(try whole.sampleCount(BatchOptions(batchSize: 64)) == .finite(320))
        #expect(try subset.sampleCount(BatchOptions(batchSize: 64)) == .finite(320))
    }

    /// `test_ArrayDataSource` (and `_indices`, `_include_indices`): the rows of the arrays, or
    /// of the indices.
    @Test func arrayDataSource() throws {
        #expect(try ArrayDataSource([Data.arange(3)]).sampleCount(options) == .finite(3))
        #expect(try ArrayDataSource([Data.arange(10)]).sampleCount(options) == .finite(10))
        #expect(try ArrayDataSource([Data.arange(3), Data.arange(3, 2)]).sampleCount(options) == .finite(3))
        #expect(try ArrayDataSource([Data.arange(10)], indices: [1, 4, 7]).sampleCount(options) == .finite(3))
    }

    /// `test_ArrayDataSource_repeated`: 50 samples × 1, 2, 5 repeats; endless repeats are `np.inf`.
    @Test func arrayDataSourceRepeated() throws {
        let (x, y) = (Data.arange(50), Data.arange(50, 2))
        for (repeats, count) in [(1, 50), (2, 100), (5, 250)] {
            #expect(try ArrayDataSource([x, y], repeats: repeats).sampleCount(options) == .finite(count))
        }
        #expect(try ArrayDataSource([x, y], repeats: -1).sampleCount(options) == .infinite)
    }

    /// `test_CallableDataSource`: no count is `None`; a count computed from the arguments, a
    /// literal one and `np.inf` come back as given.
    @Test func callableDataSource() throws {
        let empty: CallableDataSource.MakeBatches = { _, _ in SequentialBatchStream { nil } }
        #expect(try CallableDataSource(empty).sampleCount(options) == .unknown)
        let fromOptions = CallableDataSource(sampleCount: { .finite($0.batchSize * 3) }, empty)
        #expect(try fromOptions.sampleCount(options) == .finite(45))
        #expect(try CallableDataSource(sampleCount: .finite(42), empty).sampleCount(options) == .finite(42))
        #expect(try CallableDataSource(sampleCount: .infinite, empty).sampleCount(options) == .infinite)
    }

    /// `test_IteratorDataSource`: `None` by default, else as given.
    @Test func iteratorDataSource() throws {
        #expect(try IteratorDataSource([]).sampleCount(options) == .unknown)
        #expect(try IteratorDataSource([], sampleCount: .finite(42)).sampleCount(options) == .finite(42))
        #expect(try IteratorDataSource([], sampleCount: .infinite).sampleCount(options) == .infinite)
    }

    /// `test_CompositeDataSource` (and `_flatten`, `_in_order`, `_batch_indices_iterator…`,
    /// `_no_trim`, `_random_access`): the GAN layout holds 33 — the shortest member, the endless
    /// supervised one never counting as shorter; `_random_access_subset`: 23, through indices.
    @Test func compositeDataSource() throws {
        let supervised = try ArrayDataSource([Data.arange(15, 10), Data.arange(15)], repeats: -1)
        let unsupervised = try ArrayDataSource([Data.arange(33, 10)])
        for trim in [true, false] {
            for flatten in [true, false] {
                let gan = try CompositeDataSource(
                    [supervised, unsupervised, unsupervised], trim: trim, flatten: flatten)
                #expect(try gan.sampleCount(BatchOptions(batchSize: 10)) == .finite(33))
            }
        }
        let supervisedSubset = try ArrayDataSource(
            [Data.arange(15, 10), Data.arange(15)], indices: Array(0..<10), repeats: -1)
        let unsupervisedSubset = try ArrayDataSource([Data.arange(33, 10)], indices: Array(5..<28))
        let subsets = try CompositeDataSource([supervisedSubset, unsupervisedSubset, unsupervisedSubset])
        #expect(try subsets.sampleCount(BatchOptions(batchSize: 10)) == .finite(23))
        // Beyond BatchUp: every member endless is endless; finite members of different lengths
        // count the shortest with `.stopAtShortest` and are refused otherwise, as their batches are.
        #expect(try CompositeDataSource([supervised, supervised]).sampleCount(options) == .infinite)
        let uneven = [unsupervised, try ArrayDataSource([Data.arange(20)])] as [any DataSource]
        #expect(try CompositeDataSource(uneven, lengths: .stopAtShortest).sampleCount(options) == .finite(20))
        #expect(throws: BatchingError.self) { try CompositeDataSource(uneven).sampleCount(options) }
    }

    /// `test_ChoiceDataSource`: 40 + 20 + 10 + 5 = 75. With two callable members that do not
    /// say their count, BatchUp counts them as 0 and answers 15; here the sum is unknown (a
    /// deliberate divergence, `docs/batchup.md`).
    @Test func choiceDataSource() throws {
        let members: [any DataSource] = try [40, 20, 10, 5].map { try ArrayDataSource([Data.arange($0, 3)]) }
        #expect(try ChoiceDataSource(members).sampleCount(options) == .finite(75))
        #expect(try ChoiceDataSource(members, stratified: true).sampleCount(options) == .finite(75))
        let uncounted: [any DataSource] = try [40, 20].map { rows in
            let array = try ArrayDataSource([Data.arange(rows, 3)])
            let callable = CallableDataSource { options, epoch in
                try array.batches(options, startingAt: BatchAddress(epoch: epoch, batch: 0)).columnStream()
            }
            return try CachedSequentialDataSource(callable, options: BatchOptions(batchSize: 15))
        }
        let mixed = try ChoiceDataSource(uncounted + members[2...])
        #expect(try mixed.sampleCount(options) == .unknown)
        // Counted callable members add up; an endless member makes the choice endless.
        let counted = try CachedSequentialDataSource(
            IteratorDataSource([], sampleCount: .finite(40)), options: BatchOptions(batchSize: 15))
        #expect(try ChoiceDataSource([counted] + members[2...]).sampleCount(options) == .finite(55))
        let endless = try ArrayDataSource([Data.arange(5, 3)], repeats: -1)
        #expect(try ChoiceDataSource([endless] + members[2...]).sampleCount(options) == .infinite)
    }

    /// `test_MapDataSource`: the mapped source's count, 45 indices into 90 rows.
    @Test func mapDataSource() throws {
        let source = try ArrayDataSource(
            [Data.arange(90), Data.arange(90, 2)], indices: Array(stride(from: 0, to: 90, by: 2)))
        let mapped = source.map { batch in batch }
        #expect(try mapped.sampleCount(options) == .finite(45))
    }
}
