/// Any column with its rows converted to `float32` lazily, as they are gathered: `uint8` scaled
/// into [0, 1] (or another range, such as [-1, 1]) as BatchUp's `ImageArrayUInt8ToFloat32` and
/// the Kaggle feeder do; other types converted value for value.
///
/// Into [0, 1] the values are NumPy's `x / 255`, bit for bit (BatchUp multiplies by a rounded
/// `1/255` instead, which differs in the last bit for some bytes).
///
/// ```swift
/// let pixels = Float32Column(try HDF5Column(file: file, dataset: "images"))   // or a Tensor
/// try pixels.gatherRows([0]).dtype   // .float32, values in [0, 1]
/// let centred = Float32Column(pixelsU8, scalingBytesInto: -1...1)
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
