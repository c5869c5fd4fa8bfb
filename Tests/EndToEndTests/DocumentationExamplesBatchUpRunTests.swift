import Batching
import Testing

/// Runs the example of docs/batchup.md and checks what its prose says.
@Suite struct DocumentationExamplesBatchUpRunTests {
    @Test func ganLayoutTrimsTheLastBatchAndGathersByIndex() throws {
        let supX = Tensor(shape: [15, 4], scalars: (0..<60).map(Float.init))
        let supY = Tensor((0..<15).map(Int64.init))
        let unsupX = Tensor(shape: [33, 4], scalars: (0..<132).map { Float($0) + 1000 })
        let (gan, picked) = try DocumentationExamples.ganLayout(supX: supX, supY: supY, unsupX: unsupX)
        let options = BatchOptions(batchSize: 10, order: .shuffled(seed: 12345))
        #expect(try gan.batchCount(options) == 4)
        let last = try gan.batch(at: BatchAddress(epoch: 0, batch: 3), options)
        #expect(last.columns.map(\.rowCount) == [3, 3, 3, 3])
        #expect(picked.columns.count == 4 && picked.columns.allSatisfy { $0.rowCount == 2 })
        #expect(picked.columns[1].scalars(as: Int64.self) == [0, 1])
        let expected = try unsupX.gatherRows([7, 8]).scalars(as: Float.self)
        #expect(picked.columns[3].scalars(as: Float.self) == expected)
    }
}
