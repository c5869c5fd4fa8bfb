import Synchronization
import Testing

@testable import Batching

@Suite struct EvaluationTests {
    /// BatchUp's documented example: 7 samples of 10 values, batch size 5, squares summed per row.
    let x = Tensor(shape: [7, 10], scalars: (0..<70).map { Double($0 % 13) - 6 })

    func rowSquareSums(_ batch: Batch) -> [Tensor] {
        let values = batch.columns[0].scalars(as: Double.self)
        return [
            Tensor((0..<batch.count).map { row in values[(row * 10)..<(row * 10 + 10)].reduce(0) { $0 + $1 * $1 } })
        ]
    }

    @Test func concatGathersEveryBatchsResults() throws {
        let source = try ArrayDataSource([x])
        var sizes = [Int]()
        let result = try source.batchMapConcat(BatchOptions(batchSize: 5)) { batch in
            sizes.append(batch.count)
            return rowSquareSums(batch)
        }
        #expect(sizes == [5, 2])
        let expected = (0..<7).map { row in
            (0..<10).reduce(0.0) { sum, column in
                let value = Double((row * 10 + column) % 13) - 6
                return sum + value * value
            }
        }
        #expect(result.count == 1)
        #expect(result[0].scalars(as: Double.self) == expected)
    }

    @Test func concatStopsAtMaxBatchesAndReportsProgress() throws {
        let source = try ArrayDataSource([x], repeats: -1)
        let progress = Mutex<[Int]>([])
        let result = try source.batchMapConcat(
            BatchOptions(batchSize: 3), maxBatches: 4,
            progress: { done, total in progress.withLock { $0.append(done * 10 + (total ?? 0)) } },
            rowSquareSums)
        #expect(result[0].rowCount == 12)
        #expect(progress.withLock { $0 } == [14, 24, 34, 44])
        #expect(throws: BatchingError.self) { try source.batchMapConcat(BatchOptions(batchSize: 3), rowSquareSums) }
    }

    @Test func meanDividesSumsByTheSampleCount() throws {
        let source = try ArrayDataSource([x])
        let means = try source.batchMapMean(BatchOptions(batchSize: 3)) { batch in
            [Double(batch.count) * 2, batch.columns[0].scalars(as: Double.self).reduce(0, +)]
        }
        #expect(means[0] == 2)
        #expect(abs(means[1] - x.scalars(as: Double.self).reduce(0, +) / 7) < 1e-12)
    }

    @Test func emptyInputGivesEmptyResults() throws {
        let empty = try ArrayDataSource([Tensor(zeros: .float64, shape: [0, 10])])
        #expect(try empty.batchMapConcat(BatchOptions(batchSize: 4), rowSquareSums).isEmpty)
        #expect(try empty.batchMapMean(BatchOptions(batchSize: 4)) { _ in [1] }.isEmpty)
    }
}
