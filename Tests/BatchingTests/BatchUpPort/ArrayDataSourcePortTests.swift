import Testing

@testable import Batching

/// Ports of BatchUp 0.2.3's `test_ArrayDataSource*`, `test_RandomAccessDataSource*` (the same
/// index streams through the abstract base) and `test_MapDataSource` (test_data_source.py).
@Suite struct ArrayDataSourcePortTests {
    typealias Data = BatchUpPortData
    let x = Data.arange(45)
    let y = Data.arange(45, 2)
    /// A 45-of-90 subset, as BatchUp's `permutation(90)[:45]` (any fixed subset serves).
    static let subset = (0..<90).map { ($0 * 37 + 11) % 90 }.prefix(45).map { $0 }

    /// Checks `batches` hold X and Y at `order`, cut into `counts`; returns the sample order.
    func expect(_ batches: [Batch], rows order: [Int], counts: [Int], x: Tensor? = nil, y: Tensor? = nil) {
        #expect(batches.map(\.count) == counts)
        #expect(batches.flatMap(\.indices) == order)
        for batch in batches {
            #expect(batch.columns[0].scalars(as: Int64.self) == Data.rows(x ?? self.x, batch.indices))
            #expect(batch.columns[1].scalars(as: Int64.self) == Data.rows(y ?? self.y, batch.indices))
        }
    }

    /// Whether `order` is consecutive permutations of `pass`.
    func isPasses(_ order: [Int], of pass: [Int]) -> Bool {
        stride(from: 0, to: order.count, by: pass.count).allSatisfy {
            order[$0..<min($0 + pass.count, order.count)].allSatisfy(pass.contains)
                && Set(order[$0..<min($0 + pass.count, order.count)]).count == min(pass.count, order.count - $0)
        }
    }

    /// test_ArrayDataSource / _indices / _repeated / _indices_repeated (and the
    /// RandomAccessDataSource twins): sample counts, random access, in-order and shuffled batches
    /// of 15, with and without a subset and 3 repeats.
    @Test(arguments: [(false, 1), (true, 1), (false, 3), (true, 3)])
    func batchesOfFifteen(subset: Bool, repeats: Int) throws {
        let (x, y) = subset ? (Data.arange(90), Data.arange(90, 2)) : (self.x, self.y)
        let pass = subset ? Self.subset : Array(0..<45)
        let source = try ArrayDataSource([x, y], indices: subset ? pass : nil, repeats: repeats)
        #expect(source.sampleCount == x.rowCount)
        #expect(try source.plan(BatchOptions(batchSize: 15)).positionsPerEpoch == 45 * repeats)
        let unmapped = try source.samples(at: .rows(Array(0..<15)), mapped: false)
        #expect(unmapped.columns[0].scalars(as: Int64.self) == Data.rows(x, 0..<15))
        let mapped = try source.samples(at: .rows(Array(0..<15)))
        #expect(mapped.columns[1].scalars(as: Int64.self) == Data.rows(y, pass.prefix(15)))
        let counts = Array(repeating: 15, count: 3 * repeats)
        let inOrder = try Data.collect(source, BatchOptions(batchSize: 15))
        expect(inOrder, rows: Array(Array(repeating: pass, count: repeats).joined()), counts: counts, x: x, y: y)
        let shuffled = try Data.collect(source, BatchOptions(batchSize: 15, order: .shuffled(seed: 12345)))
        let order = shuffled.flatMap(\.indices)
        expect(shuffled, rows: order, counts: counts, x: x, y: y)
        #expect(isPasses(order, of: pass) && order != inOrder.flatMap(\.indices))
        // Repeats cut across passes: batch size 7 leaves one short batch at the very end.
        let sevens = try Data.collect(source, BatchOptions(batchSize: 7))
        #expect(sevens.dropLast().allSatisfy { $0.count == 7 } && sevens.last?.count == (45 * repeats) % 7)
    }

    /// test_ArrayDataSource: what BatchUp refuses (indices or repeats with a sampler, arrays of
    /// different lengths, repeats of 0 or below -1).
    @Test func refusals() {
        #expect(throws: BatchingError.self) {
            try ArrayDataSource(
                [x, y], indices: [0, 1, 2], sampler: WeightedSampler(weights: Array(repeating: 1, count: 45)))
        }
        #expect(throws: BatchingError.self) {
            try ArrayDataSource([x, y], repeats: 2, sampler: WeightedSampler(weights: Array(repeating: 1, count: 45)))
        }
        #expect(throws: BatchingError.self) { try ArrayDataSource([Data.arange(20), Data.arange(25, 2)]) }
        for repeats in [0, -2, -5] {
            #expect(throws: BatchingError.self) { try ArrayDataSource([x], repeats: repeats) }
        }
    }

    /// test_ArrayDataSource_repeated_small_dataset and _indices_…: 20 samples (or a 20-of-40
    /// subset) endlessly in batches of 64, 32 passes in ten batches; 16 repeats in five.
    @Test(arguments: [false, true])
    func smallDatasets(subset: Bool) throws {
        let pass = subset ? (0..<40).map { ($0 * 13 + 5) % 40 }.prefix(20).map { $0 } : Array(0..<20)
        let data = Data.arange(subset ? 40 : 20)
        let endless = try ArrayDataSource([data], indices: subset ? pass : nil, repeats: -1)
        #expect(try endless.batchCount(BatchOptions(batchSize: 64)) == nil)
        var iterator = try endless.batches(BatchOptions(batchSize: 64))
        var rows = [Int]()
        for _ in 0..<10 { rows += try #require(try iterator.next()).indices }
        #expect(rows == Array(Array(repeating: pass, count: 32).joined()))
        let sixteen = try Data.collect(
            try ArrayDataSource([data], indices: subset ? pass : nil, repeats: 16),
            BatchOptions(batchSize: 64, order: .shuffled(seed: 12345)))
        #expect(sixteen.map(\.count) == [64, 64, 64, 64, 64] && isPasses(sixteen.flatMap(\.indices), of: pass))
    }

    /// test_ArrayDataSource_include_indices: the indices come first, as int64, in and out of
    /// order, with a subset, and through random access.
    @Test func includeIndices() throws {
        let source = try ArrayDataSource(
            [x, y], indices: Array(stride(from: 44, through: 0, by: -1)), includeIndices: true)
        for order in [SampleOrder.sequential, .shuffled(seed: 12345)] {
            for batch in try Data.collect(source, BatchOptions(batchSize: 15, order: order)) {
                #expect(batch.columns.count == 3)
                #expect(batch.columns[0].scalars(as: Int64.self) == batch.indices.map(Int64.init))
                #expect(batch.columns[1].scalars(as: Int64.self) == Data.rows(x, batch.indices))
            }
        }
        let mapped = try source.samples(at: .rows([0, 1]))
        #expect(mapped.columns[0].scalars(as: Int64.self) == [44, 43])
        #expect(try source.samples(at: .rows([0, 1]), mapped: false).columns[0].scalars(as: Int64.self) == [0, 1])
    }

    /// test_MapDataSource: the map keeps the sample count and random access (mapped and unmapped)
    /// and applies to every batch, in order and shuffled.
    @Test func mapDataSource() throws {
        let (x, y) = (Data.arange(90), Data.arange(90, 2))
        let source = try ArrayDataSource([x, y], indices: Self.subset)
        let doubled = source.map { batch in
            var out = batch
            out.columns += batch.columns.map {
                Tensor(shape: $0.shape, scalars: $0.scalars(as: Int64.self).map { $0 * 2 })
            }
            return out
        }
        #expect(doubled.isRandomAccess)
        #expect(try doubled.batchCount(BatchOptions(batchSize: 15)) == 3)
        let unmapped = try doubled.samples(at: .rows(Array(0..<5)), mapped: false)
        #expect(unmapped.columns.map { $0.scalars(as: Int64.self) }[2] == Data.rows(x, 0..<5).map { $0 * 2 })
        let mapped = try doubled.samples(at: .rows(Array(0..<5)))
        #expect(mapped.columns[3].scalars(as: Int64.self) == Data.rows(y, Self.subset.prefix(5)).map { $0 * 2 })
        for order in [SampleOrder.sequential, .shuffled(seed: 12345)] {
            let batches = try Data.collect(doubled, BatchOptions(batchSize: 15, order: order))
            #expect(batches.count == 3 && batches.allSatisfy { $0.columns.count == 4 })
            for batch in batches {
                #expect(batch.columns[2].scalars(as: Int64.self) == Data.rows(x, batch.indices).map { $0 * 2 })
            }
            #expect(Set(batches.flatMap(\.indices)) == Set(Self.subset))
        }
    }
}
