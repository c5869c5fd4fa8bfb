import Batching

/// Any column with its rows converted to `float32`, `uint8` scaled into [0, 1] as BatchUp and
/// the Kaggle feeder do (`x / 255`); other types converted value for value.
///
/// ```swift
/// let pixels = Float32Column(try HDF5Column(file: file, dataset: "images"))
/// try pixels.gatherRows([0]).dtype   // .float32, values in [0, 1]
/// ```
public struct Float32Column: BatchColumn {
    /// The column whose rows are converted.
    public let base: any BatchColumn
    /// Where `uint8` values 0…255 land.
    public let range: ClosedRange<Float>

    public init(_ base: any BatchColumn, scalingBytesInto range: ClosedRange<Float> = 0...1) {
        self.base = base
        self.range = range
    }

    public var rowCount: Int { base.rowCount }
    public var dtype: DType { .float32 }
    public var rowShape: [Int] { base.rowShape }

    public func gatherRows(_ indices: [Int]) throws -> Tensor {
        try base.gatherRows(indices).convertedToFloat32(scalingBytesInto: range)
    }

    /// Converts the rows at `indices` into `destination`, a pooled `float32` buffer of shape
    /// `[indices.count] + rowShape` (only the source rows are gathered afresh).
    public func gatherRows(_ indices: [Int], into destination: inout Tensor) throws {
        try base.gatherRows(indices).convertToFloat32(into: &destination, scalingBytesInto: range)
    }
}
