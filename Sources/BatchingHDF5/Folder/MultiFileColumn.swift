import Batching

/// Several columns joined end to end: global row *i* is row *i − offset(k)* of part *k*. The
/// column of a folder of batch files, so that sample indices run on across files.
///
/// ```swift
/// let column = try MultiFileColumn([batch0Images, batch1Images])   // 50 + 48 rows
/// try column.gatherRows([49, 50])   // last row of file 0, first row of file 1
/// ```
public struct MultiFileColumn: BatchColumn {
    /// The parts, in order.
    public let parts: [any BatchColumn]
    /// The global index of each part's first row, plus the total at the end.
    public let offsets: [Int]

    /// Joins `parts`, which must share element type and row shape.
    ///
    /// - Throws: ``BatchingError/incompatibleRows(_:)`` when they do not, or there are none.
    public init(_ parts: [any BatchColumn]) throws {
        guard let first = parts.first else {
            throw BatchingError.incompatibleRows("a multi-file column needs at least one part")
        }
        for part in parts where part.dtype != first.dtype || part.rowShape != first.rowShape {
            throw BatchingError.incompatibleRows(
                "cannot join rows of \(part.dtype)\(part.rowShape) after rows of \(first.dtype)\(first.rowShape)")
        }
        self.parts = parts
        self.offsets = parts.reduce(into: [0]) { offsets, part in
            offsets.append(offsets[offsets.count - 1] + part.rowCount)
        }
    }

    /// The rows of every part (`offsets` starts at 0 and has one more entry per part).
    public var rowCount: Int { offsets[offsets.count - 1] }
    public var dtype: DType { parts[0].dtype }
    public var rowShape: [Int] { parts[0].rowShape }

    /// The part holding global row `index` and the row's index within it.
    public func locate(_ index: Int) -> (part: Int, row: Int) {
        var low = 0
        var high = parts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if offsets[mid] <= index { low = mid } else { high = mid - 1 }
        }
        return (low, index - offsets[low])
    }

    public func gatherRows(_ indices: [Int]) throws -> Tensor {
        try gatherRowsIntoNewTensor(indices)
    }

    /// Writes the rows at `indices`, in that order, into `destination` (a pooled buffer of this
    /// column's type and shape `[indices.count] + rowShape`): each file's rows are gathered by
    /// that file's column and scattered to their places.
    public func gatherRows(_ indices: [Int], into destination: inout Tensor) throws {
        preconditionFits(destination, rows: indices.count)
        try BatchingError.checkIndices(indices, count: rowCount)
        var rowsByPart = [[Int]](repeating: [], count: parts.count)
        var slotsByPart = [[Int]](repeating: [], count: parts.count)
        for (slot, index) in indices.enumerated() {
            let (part, row) = locate(index)
            rowsByPart[part].append(row)
            slotsByPart[part].append(slot)
        }
        let rowBytes = rowShape.reduce(1, *) * dtype.byteWidth
        if let only = rowsByPart.firstIndex(where: { $0.count == indices.count }) {
            return try parts[only].gatherRows(rowsByPart[only], into: &destination) // all rows in one file
        }
        for part in parts.indices where !rowsByPart[part].isEmpty {
            let rows = try parts[part].gatherRows(rowsByPart[part])
            rows.withUnsafeBytes { source in
                destination.withUnsafeMutableBytes { out in
                    guard let from = source.baseAddress, let to = out.baseAddress else { return }
                    for (k, slot) in slotsByPart[part].enumerated() {
                        (to + slot * rowBytes).copyMemory(from: from + k * rowBytes, byteCount: rowBytes)
                    }
                }
            }
        }
    }
}
