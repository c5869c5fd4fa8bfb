import TestSupport
import Testing

@testable import Batching

/// Port of BatchUp 0.2.3's `test_ImageArrayUInt8ToFloat32` (test_image_utils.py), with the
/// expected values computed by BatchUp's own `ImageArrayUInt8ToFloat32` and by NumPy.
@Suite struct ImageUtilsPortTests {
    /// A column that is not a tensor, counting its gathers: the conversion must be lazy.
    final class CountingColumn: BatchColumn, @unchecked Sendable {
        let data: Tensor
        var gathers = 0
        init(_ data: Tensor) { self.data = data }
        var rowCount: Int { data.rowCount }
        var dtype: DType { data.dtype }
        var rowShape: [Int] { data.rowShape }
        func gatherRows(_ indices: [Int]) throws -> Tensor {
            gathers += 1
            return try data.gatherRows(indices)
        }
    }

    /// Every byte 0…255 converted by BatchUp into [0, 1] and [-1, 1], and by NumPy's `x / 255`,
    /// as float32 bit patterns.
    static func reference() throws -> (batchUp01: [UInt32], batchUpCentred: [UInt32], numpy: [UInt32]) {
        let result = try Python.run(
            """
            import numpy as np
            from batchup.image.utils import ImageArrayUInt8ToFloat32
            x = np.arange(256, dtype=np.uint8)
            for a in (ImageArrayUInt8ToFloat32(x)[...], ImageArrayUInt8ToFloat32(x, val_lower=-1.0, val_upper=1.0)[...],
                      x / np.float32(255)):
                print(' '.join(str(v) for v in a.astype(np.float32).view(np.uint32)))
            """)
        let lines = result.standardOutput.split(separator: "\n").map {
            $0.split(separator: " ").compactMap { UInt32($0) }
        }
        guard result.status == 0, lines.count == 3, lines.allSatisfy({ $0.count == 256 }) else {
            throw BatchingError.invalidArgument("BatchUp's reference run failed: \(result.combinedOutput)")
        }
        return (lines[0], lines[1], lines[2])
    }

    @Test func convertsLazilyLikeBatchUp() throws {
        let x = Tensor(shape: [2, 3], scalars: [0, 127, 255, 30, 60, 90] as [UInt8])
        let base = CountingColumn(x)
        let wrapped = Float32Column(base)
        let centred = Float32Column(base, scalingBytesInto: -1...1)
        #expect(wrapped.rowShape == [3] && wrapped.rowCount == 2 && wrapped.dtype == .float32)
        #expect(base.gathers == 0, "nothing is converted before rows are asked for")
        let bytes: [UInt8] = [0, 127, 255, 30, 60, 90]
        let values = try wrapped.gatherRows([0, 1]).scalars(as: Float.self)
        #expect(zip(values, bytes).allSatisfy { abs($0 - Float($1) * Float(1.0 / 255.0)) <= 1e-6 })
        let centredValues = try centred.gatherRows([0, 1]).scalars(as: Float.self)
        #expect(zip(centredValues, bytes).allSatisfy { abs($0 - (Float($1) * Float(2.0 / 255.0) - 1)) <= 1e-6 })
        #expect(base.gathers == 2)
        #expect(try wrapped.gatherRows([1]).shape == [1, 3])
    }

    /// All 256 bytes: within one float32 step of BatchUp in both ranges, and bit-identical to
    /// NumPy's `x / 255` in [0, 1] (the documented divergence: BatchUp multiplies by a rounded 1/255).
    @Test func everyByteAgainstBatchUpAndNumPy() throws {
        let reference = try Self.reference()
        let bytes = Tensor((0...255).map(UInt8.init))
        let ours = try Float32Column(bytes).gatherRows(Array(0..<256)).scalars(as: Float.self)
        let oursCentred = try Float32Column(bytes, scalingBytesInto: -1...1).gatherRows(Array(0..<256))
            .scalars(as: Float.self)
        #expect(ours.map(\.bitPattern) == reference.numpy)
        for byte in 0..<256 {
            let batchUp = Float(bitPattern: reference.batchUp01[byte])
            let batchUpCentred = Float(bitPattern: reference.batchUpCentred[byte])
            #expect(abs(ours[byte] - batchUp) <= batchUp.ulp, "byte \(byte)")
            #expect(abs(oursCentred[byte] - batchUpCentred) <= 2e-7, "byte \(byte)")
        }
    }
}
