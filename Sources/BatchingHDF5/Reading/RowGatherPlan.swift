/// A run of consecutive rows: `start ..< start + count`. Gather plans make them (the memberwise
/// initializer is internal); row readers read them.
public struct RowRun: Sendable, Hashable {
    /// The first row.
    public var start: Int
    /// How many rows.
    public var count: Int

    /// One past the last row.
    public var end: Int { start + count }
}

/// How to read the rows at a list of indices: the distinct indices sorted and coalesced into
/// runs, and where each requested row lies among the rows read.
///
/// Readers never see unsorted or repeated indices (h5py refuses them, and reading them in order
/// is what makes a file fast); the column scatters the rows back afterwards.
///
/// ```swift
/// let plan = RowGatherPlan(indices: [7, 3, 4, 7])
/// plan.runs             // [3..<5, 7..<8] as RowRun(start: 3, count: 2), RowRun(start: 7, count: 1)
/// plan.sourcePositions  // [2, 0, 1, 2]: the requested rows' places among the 3 rows read
/// ```
public struct RowGatherPlan: Sendable, Hashable {
    /// Sorted, disjoint, non-adjacent runs covering every distinct index.
    public let runs: [RowRun]
    /// The number of distinct rows read.
    public let rowsRead: Int
    /// For each requested index, its row among the rows read; `nil` when the indices were
    /// already strictly increasing (so the rows read are the rows requested, in order).
    public let sourcePositions: [Int]?

    /// The plan for `indices` (any order, repeats allowed).
    public init(indices: [Int]) {
        if zip(indices, indices.dropFirst()).allSatisfy({ $0 < $1 }) {
            runs = RowGatherPlan.coalesce(indices)
            rowsRead = indices.count
            sourcePositions = nil
            return
        }
        let order = indices.indices.sorted { indices[$0] < indices[$1] }
        var distinct = [Int]()
        distinct.reserveCapacity(indices.count)
        var positions = [Int](repeating: 0, count: indices.count)
        for requested in order {
            let index = indices[requested]
            if distinct.last != index { distinct.append(index) }
            positions[requested] = distinct.count - 1
        }
        runs = RowGatherPlan.coalesce(distinct)
        rowsRead = distinct.count
        sourcePositions = positions
    }

    private static func coalesce(_ sorted: [Int]) -> [RowRun] {
        var runs = [RowRun]()
        for index in sorted {
            if let last = runs.last, last.end == index {
                runs[runs.count - 1].count += 1
            } else {
                runs.append(RowRun(start: index, count: 1))
            }
        }
        return runs
    }
}
