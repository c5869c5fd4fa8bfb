import Synchronization
import Testing

@testable import Batching

/// Ports of BatchUp 0.2.3's `test_batch_map_concat`, `test_batch_map_mean`,
/// `test_data_source_method_batch_map_concat` and `…_batch_map_mean_in_order(_per_sample_func)`.
///
/// BatchUp's arrays of `np.random.normal` values become a fixed formula; the expected values are
/// computed from the whole arrays, as BatchUp's tests compute them.
@Suite struct BatchMapPortTests {
    /// A `rows × width` float64 tensor with values that are not all alike.
    static func values(_ rows: Int, _ width: Int) -> Tensor {
        Tensor(shape: [rows, width], scalars: (0..<(rows * width)).map { Double(($0 * 37) % 101) / 17 - 2.5 })
    }

    /// Σ x² over each row: BatchUp's `sqr_sum`.
    static func squareSums(_ tensor: Tensor) -> Tensor {
        let width = tensor.shape[1]
        let all = tensor.scalars(as: Double.self)
        return Tensor(
            (0..<tensor.rowCount).map { r in all[(r * width)..<((r + 1) * width)].reduce(0) { $0 + $1 * $1 } })
    }

    /// test_batch_map_concat: the whole epoch at once, then five calls of two batches on one
    /// running iterator give rows 0:10, 10:20, …
    @Test func concatOnARunningIterator() throws {
        let x = Self.values(100, 10)
        let source = try ArrayDataSource([x])
        var whole = try source.batches(BatchOptions(batchSize: 5))
        let all = try whole.batchMapConcat { batch in
            #expect(batch.count == 5)
            return [Self.squareSums(batch.columns[0])]
        }
        #expect(all == [Self.squareSums(x)])
        var running = try source.batches(BatchOptions(batchSize: 5))
        for i in 0..<5 {
            let part = try running.batchMapConcat(maxBatches: 2) { [Self.squareSums($0.columns[0])] }
            #expect(part[0].rowCount == 10)
            #expect(part == [Self.squareSums(x.rows((i * 10)..<(i * 10 + 10)))])
        }
        #expect(running.remainingBatches == 10)
    }

    /// test_batch_map_concat / test_data_source_method_batch_map_concat: two results per batch
    /// (`X + 2` and Σ Y² per row) over 45 samples, progress told 9 batches; an endless source
    /// needs `maxBatches`, and 15 batches of it are X then X[:30].
    @Test func concatWithSeveralResultsAndEndlessSources() throws {
        let x = Tensor((0..<45).map(Double.init))
        let y = Tensor(shape: [45, 2], scalars: (0..<90).map(Double.init))
        let batchFunction: (Batch) -> [Tensor] = { batch in
            [Tensor(batch.columns[0].scalars(as: Double.self).map { $0 + 2 }), Self.squareSums(batch.columns[1])]
        }
        let totals = Mutex<[Int?]>([])
        let results = try ArrayDataSource([x, y]).batchMapConcat(
            BatchOptions(batchSize: 5), progress: { _, total in totals.withLock { $0.append(total) } }, batchFunction)
        #expect(results[0].scalars(as: Double.self) == (0..<45).map { Double($0) + 2 })
        #expect(results[1] == Self.squareSums(y))
        #expect(totals.withLock { $0 } == Array(repeating: 9, count: 9))
        let endless = try ArrayDataSource([x, y], repeats: -1)
        #expect(throws: BatchingError.self) { try endless.batchMapConcat(BatchOptions(batchSize: 5), batchFunction) }
        let fifteen = try endless.batchMapConcat(BatchOptions(batchSize: 5), maxBatches: 15, batchFunction)
        let expectedRows = Array(0..<45) + Array(0..<30)
        #expect(fifteen[0].scalars(as: Double.self) == expectedRows.map { Double($0) + 2 })
        #expect(fifteen[1] == Self.squareSums(try y.gatherRows(expectedRows)))
        // A function with no results gives none (BatchUp: None).
        #expect(try ArrayDataSource([x, y]).batchMapConcat(BatchOptions(batchSize: 5)) { _ in [] }.isEmpty)
        // An endless iterator (no last epoch) needs maxBatches too.
        var forever = try ArrayDataSource([x]).batches(BatchOptions(batchSize: 5), epochs: nil)
        #expect(throws: BatchingError.self) { try forever.batchMapConcat { _ in [] } }
    }

    /// test_batch_map_mean and test_data_source_method_batch_map_mean_in_order: means of
    /// per-batch sums, whole epochs, `maxBatches` slices of one running iterator (0:10, 10:20, …),
    /// and 15 batches of an endless source (X then X[:28]).
    @Test func meanOnARunningIterator() throws {
        let x = Self.values(47, 1).reshaped([47])
        let y = Self.values(47, 2)
        let xs = x.scalars(as: Double.self)
        let ySquares = Self.squareSums(y).scalars(as: Double.self)
        let sumsFunction: (Batch) -> [Double] = { batch in
            [
                batch.columns[0].scalars(as: Double.self).reduce(0, +),
                Self.squareSums(batch.columns[1]).scalars(as: Double.self).reduce(0, +),
            ]
        }
        let source = try ArrayDataSource([x, y])
        let means = try source.batchMapMean(BatchOptions(batchSize: 5), sumsFunction)
        #expect(abs(means[0] - xs.reduce(0, +) / 47) < 1e-12)
        #expect(abs(means[1] - ySquares.reduce(0, +) / 47) < 1e-12)
        let endless = try ArrayDataSource([x, y], repeats: -1)
        #expect(throws: BatchingError.self) { try endless.batchMapMean(BatchOptions(batchSize: 5), sumsFunction) }
        let fifteen = try endless.batchMapMean(BatchOptions(batchSize: 5), maxBatches: 15, sumsFunction)
        #expect(abs(fifteen[0] - (xs + xs[..<28]).reduce(0, +) / 75) < 1e-12)
        #expect(abs(fifteen[1] - (ySquares + ySquares[..<28]).reduce(0, +) / 75) < 1e-12)
        #expect(try source.batchMapMean(BatchOptions(batchSize: 5)) { _ in [] }.isEmpty)

        let large = Self.values(100, 1).reshaped([100])
        let largeValues = large.scalars(as: Double.self)
        var running = try ArrayDataSource([large]).batches(BatchOptions(batchSize: 5))
        for i in 0..<10 {
            let partial = try running.batchMapMean(maxBatches: 2) {
                [$0.columns[0].scalars(as: Double.self).reduce(0, +)]
            }
            #expect(abs(partial[0] - largeValues[(i * 10)..<(i * 10 + 10)].reduce(0, +) / 10) < 1e-12)
        }
        #expect(try running.batchMapMean(maxBatches: 2) { _ in [1] }.isEmpty, "nothing is left after 20 batches")
    }

    /// BatchUp's `batch_map_*` take any batch iterator: here a forward-only source's, whose
    /// length is unknown until it ends; without a last epoch it needs `maxBatches`.
    @Test func forwardOnlySources() throws {
        let x = Self.values(45, 10)
        let generated = CallableDataSource { options, epoch in
            try ArrayDataSource([x]).batches(options, startingAt: BatchAddress(epoch: epoch, batch: 0)).columnStream()
        }
        var once = generated.sequentialBatches(BatchOptions(batchSize: 10))
        let totals = Mutex<[Int?]>([])
        let recordTotal: BatchProgress = { _, total in totals.withLock { $0.append(total) } }
        let all = try once.batchMapConcat(progress: recordTotal) { [Self.squareSums($0.columns[0])] }
        #expect(all == [Self.squareSums(x)])
        #expect(totals.withLock { $0 } == [nil, nil, nil, nil, nil])
        var endless = generated.sequentialBatches(BatchOptions(batchSize: 10), epochs: nil)
        #expect(throws: BatchingError.self) { try endless.batchMapMean { _ in [1] } }
        let firstTwo = try endless.batchMapMean(maxBatches: 2) { [$0.columns[0].scalars(as: Double.self).reduce(0, +)] }
        let expected = x.rows(0..<20).scalars(as: Double.self).reduce(0, +) / 20
        #expect(abs(firstTwo[0] - expected) < 1e-12)
    }
}
