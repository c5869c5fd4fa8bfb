import Batching

/// Which rows of a batch tensor hold a value that is not a finite number (NaN, +Inf or -Inf),
/// so that the grid can flag those samples before anyone opens the detail view.
///
/// Only `float32` and `float64` tensors can hold such values; any other type has none. One pass
/// over the elements, stopping at the first non-finite value of each row.
///
/// ```swift
/// let images = Tensor(shape: [3, 2], scalars: [Float(0), 1, .nan, 2, 3, .infinity])
/// NonFiniteRows.find(in: images)   // [1, 2]
/// ```
public enum NonFiniteRows {
    /// The rows of `tensor` (its first axis) with at least one NaN or infinite value, ascending.
    public static func find(in tensor: Tensor) -> [Int] {
        switch tensor.dtype {
        case .float32: tensor.withUnsafeBufferPointer(of: Float.self) { rows(in: $0, perRow: tensor.elementsPerRow) }
        case .float64: tensor.withUnsafeBufferPointer(of: Double.self) { rows(in: $0, perRow: tensor.elementsPerRow) }
        default: []
        }
    }

    /// The rows of `tensors` (each of the same batch) with a non-finite value in any of them.
    public static func find(in tensors: [Tensor]) -> [Int] {
        Array(Set(tensors.flatMap { find(in: $0) })).sorted()
    }

    private static func rows<T: BinaryFloatingPoint>(in values: UnsafeBufferPointer<T>, perRow: Int) -> [Int] {
        guard perRow > 0 else { return [] }
        var found = [Int]()
        for row in 0..<(values.count / perRow) {
            let start = row * perRow
            for i in start..<(start + perRow) where !values[i].isFinite {
                found.append(row)
                break
            }
        }
        return found
    }
}
