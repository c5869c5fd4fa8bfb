import Batching
import Testing

/// `gatherRowsAsFloat32(_:into:)`, the one-pass gather and float32 conversion: the same bytes as
/// gathering and then converting, and `x / 255` exactly as NumPy's float32 division gives it.
@Suite struct GatherAsFloat32Tests {
    /// A column that is not a `Tensor`, so that the gather goes through the protocol's
    /// `gatherRows(_:into:)` as a file column's does.
    struct WrappedColumn: BatchColumn {
        var rows: Tensor
        var rowCount: Int { rows.rowCount }
        var dtype: DType { rows.dtype }
        var rowShape: [Int] { rows.rowShape }
        func gatherRows(_ indices: [Int]) throws -> Tensor { try rows.gatherRows(indices) }
    }

    /// `count` pseudo-random indices below `bound`, repeats included (a fixed LCG).
    static func indices(_ count: Int, below bound: Int, seed: UInt64) -> [Int] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func bytes(rows: Int, rowShape: [Int]) -> Tensor {
        let count = rows * rowShape.reduce(1, *)
        return Tensor(
            shape: [rows] + rowShape, scalars: (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ $0 / 7) })
    }

    func fused(_ column: any BatchColumn, _ indices: [Int], range: ClosedRange<Float> = 0...1) throws -> Tensor {
        var out = Tensor(zeros: .float32, shape: [indices.count] + column.rowShape)
        try column.gatherRowsAsFloat32(indices, into: &out, scalingBytesInto: range)
        return out
    }

    @Test func bytesBecomeExactlyXOver255RowByRow() throws {
        let images = Self.bytes(rows: 300, rowShape: [28, 28])
        let picked = Self.indices(128, below: 300, seed: 7)
        let floats = try fused(images, picked).scalars(as: Float.self)
        let source = images.scalars(as: UInt8.self)
        for (row, index) in picked.enumerated() {
            for j in 0..<784 {
                let expected = Float(source[index * 784 + j]) / 255 // IEEE float32 division, as NumPy's
                #expect(floats[row * 784 + j] == expected, "row \(row) element \(j)")
            }
        }
    }

    @Test func theSameBytesAsGatherThenConvertForEveryTypeAndRange() throws {
        let picked = Self.indices(77, below: 50, seed: 3) + [49, 0, 0]
        let base = Self.bytes(rows: 50, rowShape: [3, 5])
        var columns: [Tensor] = [base]
        let values = base.scalars(as: UInt8.self)
        columns.append(Tensor(shape: base.shape, scalars: values.map { Int16($0) - 300 }))
        columns.append(Tensor(shape: base.shape, scalars: values.map { Double($0) * -0.37 + 1e-3 }))
        columns.append(Tensor(shape: base.shape, scalars: values.map { Float($0) / 3 }))
        for column in columns {
            for range: ClosedRange<Float> in [0...1, -1...1, 0...255] {
                let expected = try column.gatherRows(picked).convertedToFloat32(scalingBytesInto: range)
                #expect(try fused(column, picked, range: range) == expected, "\(column.dtype) into \(range)")
                #expect(
                    try fused(WrappedColumn(rows: column), picked, range: range) == expected,
                    "\(column.dtype) into \(range), through the protocol")
            }
        }
    }

    @Test func rowsLargerOrSmallerThanAStagingGroupAndShortLastGroups() throws {
        // 1 row (12 kB) per group, 2 rows (6 kB, last group short), 2 bytes (many rows per group).
        for rowShape in [[100, 120], [60, 100], [2]] {
            let images = Self.bytes(rows: 40, rowShape: rowShape)
            for count in [0, 1, 5, 41] {
                let picked = Self.indices(count, below: 40, seed: UInt64(count))
                let expected = try images.gatherRows(picked).convertedToFloat32()
                #expect(try fused(WrappedColumn(rows: images), picked) == expected, "\(rowShape), \(count) rows")
                #expect(try fused(images, picked) == expected, "\(rowShape), \(count) rows")
            }
        }
    }

    @Test func anIndexOutsideTheRowsThrows() throws {
        let images = Self.bytes(rows: 10, rowShape: [4])
        #expect(throws: BatchingError.indexOutOfRange(index: 10, count: 10)) { try fused(images, [1, 10]) }
        #expect(throws: BatchingError.indexOutOfRange(index: -1, count: 10)) {
            try fused(WrappedColumn(rows: images), [-1])
        }
    }

    @Test func aReusedDestinationIsOverwrittenCompletely() throws {
        let images = Self.bytes(rows: 64, rowShape: [9, 9])
        var out = Tensor(zeros: .float32, shape: [32, 9, 9])
        out.withUnsafeMutableBufferPointer(of: Float.self) { $0.update(repeating: .nan) }
        let picked = Self.indices(32, below: 64, seed: 11)
        try images.gatherRowsAsFloat32(picked, into: &out)
        #expect(out == (try images.gatherRows(picked).convertedToFloat32()))
    }
}
