import Batching
import Testing
@testable import BatchingHDF5

@Suite("RowRunPlan")
struct FastPathRowRunPlanTests {
    @Test func documentedExample() throws {
        let plan = try RowRunPlan(indices: [7, 3, 4, 7, 9], rowCount: 10)
        #expect(plan.distinctRows == [3, 4, 7, 9])
        #expect(plan.runs == [3..<5, 7..<8, 9..<10])
        #expect(plan.slotOfRequest == [2, 0, 1, 2, 3])
        #expect(!plan.isSortedWithoutRepeats)
    }

    @Test func sortedDistinctIndicesNeedNoScatter() throws {
        let plan = try RowRunPlan(indices: [0, 1, 2, 5, 6], rowCount: 7)
        #expect(plan.runs == [0..<3, 5..<7])
        #expect(plan.isSortedWithoutRepeats)
    }

    @Test func emptyRequest() throws {
        let plan = try RowRunPlan(indices: [], rowCount: 3)
        #expect(plan.distinctRows.isEmpty && plan.runs.isEmpty && plan.slotOfRequest.isEmpty)
    }

    @Test func refusesIndicesOutsideTheData() {
        #expect(throws: BatchingError.indexOutOfRange(index: 10, count: 10)) {
            try RowRunPlan(indices: [1, 10], rowCount: 10)
        }
        #expect(throws: BatchingError.indexOutOfRange(index: -1, count: 10)) {
            try RowRunPlan(indices: [-1], rowCount: 10)
        }
    }

    /// Properties that must hold for any request: runs cover exactly the distinct rows, are
    /// ascending and maximal, and every request maps back to its own row.
    @Test func propertiesHoldForRandomRequests() throws {
        var random = CounterRandom(seed: 3, purpose: .shuffle)
        for trial in 0..<200 {
            let count = 1 + random.nextInt(below: 50)
            let indices = (0..<(trial % 40)).map { _ in random.nextInt(below: count) }
            let plan = try RowRunPlan(indices: indices, rowCount: count)
            #expect(plan.distinctRows == Array(Set(indices)).sorted())
            #expect(plan.runs.flatMap { Array($0) } == plan.distinctRows)
            for (a, b) in zip(plan.runs, plan.runs.dropFirst()) { #expect(a.upperBound < b.lowerBound) }
            for (k, index) in indices.enumerated() { #expect(plan.distinctRows[plan.slotOfRequest[k]] == index) }
        }
    }
}
