@testable import Batching

/// Small sources whose every element follows a formula, for the preprocessing and pipeline tests.
enum PreprocessingTestData {
    /// `count` sequences of `steps` steps × 2 features, x[i, t, f] = 1000·i + 10·t + f, labels i % 3.
    static func sequences(count: Int, steps: Int) throws -> ArrayDataSource {
        var values = [Float]()
        for i in 0..<count { for t in 0..<steps { for f in 0..<2 { values.append(Float(1000 * i + 10 * t + f)) } } }
        let x = Tensor(shape: [count, steps, 2], scalars: values)
        let y = Tensor((0..<count).map { Int64($0 % 3) })
        return try ArrayDataSource([x, y])
    }

    /// `count` images height × width (× channels when given), pixel (i, r, c, ch) = (7i + 3r + c + 11ch) % 256.
    static func images(count: Int, height: Int, width: Int, channels: Int? = nil) -> Tensor {
        var bytes = [UInt8]()
        let chs = channels ?? 1
        for i in 0..<count {
            for r in 0..<height {
                for c in 0..<width {
                    for ch in 0..<chs {
                        bytes.append(UInt8((7 * i + 3 * r + c + 11 * ch) % 256))
                    }
                }
            }
        }
        let shape = channels.map { [count, height, width, $0] } ?? [count, height, width]
        return Tensor(shape: shape, scalars: bytes)
    }

    static func imageSource(count: Int, height: Int, width: Int, channels: Int? = nil) throws -> ArrayDataSource {
        try ArrayDataSource([
            images(count: count, height: height, width: width, channels: channels),
            Tensor((0..<count).map { Int64($0 % 10) }),
        ])
    }

    static func bytes(_ tensor: Tensor) -> [UInt8] { tensor.withUnsafeBytes { Array($0) } }
}
