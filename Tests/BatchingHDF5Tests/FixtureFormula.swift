import Batching
import BatchingHDF5

/// The fixtures' pixel formula from `shared/fixtures/README.md`.
enum FixtureFormula {
    /// The read paths every dataset must read through (`.direct` refuses some layouts on purpose).
    static let readPaths: [HDF5ReadPath] = [.automatic, .library]

    static func value(_ i: Int, _ r: Int, _ c: Int, _ ch: Int = 0) -> UInt8 {
        UInt8((7 * i + 3 * r + c + 11 * ch) % 256)
    }

    /// The uint8 elements of rows `samples` of an NHWC (or NHW, channels 1) image tensor.
    static func expectedNHWC(samples: [Int], height: Int, width: Int, channels: Int) -> [UInt8] {
        var out = [UInt8]()
        for i in samples {
            for r in 0..<height { for c in 0..<width { for ch in 0..<channels { out.append(value(i, r, c, ch)) } } }
        }
        return out
    }
}

extension Tensor {
    func scalars<T: TensorElement>(_ type: T.Type) -> [T] {
        withUnsafeBufferPointer(of: T.self) { Array($0) }
    }
}
