import Testing

@testable import BatchingHDF5

struct RowGatherPlanTests {
    @Test func documentedExample() {
        let plan = RowGatherPlan(indices: [7, 3, 4, 7])
        #expect(plan.runs == [RowRun(start: 3, count: 2), RowRun(start: 7, count: 1)])
        #expect(plan.rowsRead == 3)
        #expect(plan.sourcePositions == [2, 0, 1, 2])
    }

    @Test func sortedDistinctIndicesNeedNoScatter() {
        let plan = RowGatherPlan(indices: [0, 1, 2, 5, 6, 9])
        #expect(plan.runs == [RowRun(start: 0, count: 3), RowRun(start: 5, count: 2), RowRun(start: 9, count: 1)])
        #expect(plan.sourcePositions == nil)
    }

    @Test func emptyAndRepeated() {
        #expect(RowGatherPlan(indices: []).runs.isEmpty)
        let plan = RowGatherPlan(indices: [4, 4, 4])
        #expect(plan.runs == [RowRun(start: 4, count: 1)] && plan.sourcePositions == [0, 0, 0])
    }

    @Test func scatterRestoresAnyOrder() {
        // Property: reading the runs and following sourcePositions yields the requested indices.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let indices = (0..<Int.random(in: 1...40, using: &generator)).map { _ in
                Int.random(in: 0..<30, using: &generator)
            }
            let plan = RowGatherPlan(indices: indices)
            let read = plan.runs.flatMap { Array($0.start..<$0.end) }
            #expect(read == Array(Set(indices)).sorted())
            #expect(zip(plan.runs, plan.runs.dropFirst()).allSatisfy { $0.end < $1.start })
            let restored = plan.sourcePositions.map { $0.map { read[$0] } } ?? read
            #expect(restored == indices)
        }
    }
}
