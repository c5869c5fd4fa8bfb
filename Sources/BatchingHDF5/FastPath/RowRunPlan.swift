import Batching

/// How to read a list of requested rows with as few reads as possible: the distinct rows sorted,
/// coalesced into runs of consecutive rows, and where each requested position finds its row.
///
/// Requested indices arrive unsorted and may repeat (BatchUp hands array-likes shuffled index
/// arrays). The plan reads each distinct row once, in file order, and scatters it back.
///
/// ```swift
/// let plan = try RowRunPlan(indices: [7, 3, 4, 7, 9], rowCount: 10)
/// plan.distinctRows   // [3, 4, 7, 9]
/// plan.runs           // [3..<5, 7..<8, 9..<10]
/// plan.slotOfRequest  // [2, 0, 1, 2, 3]: request k's row is distinctRows[slotOfRequest[k]]
/// ```
public struct RowRunPlan: Sendable, Equatable {
    /// The distinct requested rows, ascending.
    public let distinctRows: [Int]
    /// Maximal ranges of consecutive rows among ``distinctRows``, ascending.
    public let runs: [Range<Int>]
    /// For each requested position, the position in ``distinctRows`` of its row.
    public let slotOfRequest: [Int]

    /// The plan for reading `indices` from data of `rowCount` rows.
    ///
    /// - Throws: ``BatchingError/indexOutOfRange(index:count:)`` for an index outside the data.
    public init(indices: [Int], rowCount: Int) throws {
        for index in indices where index < 0 || index >= rowCount {
            throw BatchingError.indexOutOfRange(index: index, count: rowCount)
        }
        let order = indices.indices.sorted { indices[$0] < indices[$1] }
        var distinct = [Int]()
        distinct.reserveCapacity(indices.count)
        var slots = [Int](repeating: 0, count: indices.count)
        var runs = [Range<Int>]()
        for position in order {
            let row = indices[position]
            if distinct.last != row {
                if let last = distinct.last, last + 1 == row {
                    runs[runs.count - 1] = runs[runs.count - 1].lowerBound..<(row + 1)
                } else {
                    runs.append(row..<(row + 1))
                }
                distinct.append(row)
            }
            slots[position] = distinct.count - 1
        }
        distinctRows = distinct
        self.runs = runs
        slotOfRequest = slots
    }

    /// Whether the requests are the distinct rows themselves, ascending, so that rows can be read
    /// straight into place with no scatter.
    public var isSortedWithoutRepeats: Bool {
        slotOfRequest.count == distinctRows.count
    }
}
