import Foundation

extension Tensor {
    /// The rows at `indices`, in the order given; indices may repeat and need not be sorted.
    ///
    /// - Throws: ``BatchingError/indexOutOfRange(index:count:)`` when an index is negative or
    ///   not below ``rowCount``.
    public func gatherRows(_ indices: [Int]) throws -> Tensor {
        var out = Tensor(uninitialized: dtype, shape: [indices.count] + rowShape)
        try gatherRows(indices, into: &out)
        return out
    }

    /// Writes the rows at `indices` into `destination`, whose first axis must have room for them.
    ///
    /// Reusing one destination across batches avoids an allocation per batch.
    public func gatherRows(_ indices: [Int], into destination: inout Tensor) throws {
        preconditionFits(destination, rows: indices.count)
        let rowBytes = bytesPerRow
        try BatchingError.checkIndices(indices, count: rowCount)
        let source = UnsafeRawPointer(storage.bytes)
        destination.withUnsafeMutableBytes { out in
            guard let base = out.baseAddress else { return }
            RowGather.copy(indices, rowBytes: rowBytes, from: source, into: base)
        }
    }

    /// The rows in `range`, copied into a tensor of their own.
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= rowCount,
            "rows \(range) outside 0..<\(rowCount)")
        let rowBytes = bytesPerRow
        return withUnsafeBytes { raw in
            Tensor(
                dtype: dtype, shape: [range.count] + rowShape,
                copyingBytes: UnsafeRawBufferPointer(
                    rebasing: raw[(range.lowerBound * rowBytes)..<(range.upperBound * rowBytes)]))
        }
    }

    /// The tensors joined along the first axis.
    ///
    /// - Throws: ``BatchingError/incompatibleRows(_:)`` when the types or row shapes differ.
    public static func concatenating(_ parts: [Tensor]) throws -> Tensor {
        guard let first = parts.first else {
            throw BatchingError.incompatibleRows("there are no tensors to concatenate")
        }
        for part in parts where part.dtype != first.dtype || part.rowShape != first.rowShape {
            throw BatchingError.incompatibleRows(
                "cannot concatenate rows of \(part.dtype)\(part.rowShape) after rows of \(first.dtype)\(first.rowShape)"
            )
        }
        var out = Tensor(
            uninitialized: first.dtype,
            shape: [parts.reduce(0) { $0 + $1.rowCount }] + first.rowShape)
        out.withUnsafeMutableBytes { out in
            var offset = 0
            for part in parts {
                part.withUnsafeBytes { bytes in
                    if let source = bytes.baseAddress, let target = out.baseAddress, bytes.count > 0 {
                        (target + offset).copyMemory(from: source, byteCount: bytes.count)
                    }
                    offset += bytes.count
                }
            }
        }
        return out
    }
}
