import Batching
import BatchingPython
import Foundation
import TestSupport

/// Small Python files written at test time, and the inputs the python stage is called with.
enum PythonTestModule {
    /// Writes `source` as `NAME.py` into a fresh folder and returns its path.
    static func write(_ source: String, name: String = "aug") throws -> String {
        let folder = try FixturePaths.temporaryDirectory("python-stage")
        let path = folder.appendingPathComponent("\(name).py").path
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The stage `python[-sample]:PATH:NAME`, built with `builder`.
    static func stage(
        _ path: String, _ name: String, perSample: Bool = false,
        builder: PythonStageBuilder = PythonStageBuilder(workers: 1)
    ) throws -> any Preprocessor {
        try PreprocessSpec("\(perSample ? "python-sample" : "python"):\(path):\(name)").makePreprocessor(
            external: builder)
    }

    /// Images (i*31 + r*3 + c) % 256 of shape [count, 3, 4] as uint8, labels i as int64.
    static func slice(count: Int = 4, epoch: Int = 0, batch: Int = 0, seed: UInt64 = 5) -> BatchSlice {
        let values: [UInt8] = (0..<(count * 12)).map { (k: Int) -> UInt8 in
            let sample = k / 12
            return UInt8((sample * 31 + k % 12) % 256)
        }
        let images = Tensor(shape: [count, 3, 4], scalars: values)
        return BatchSlice(
            address: SliceAddress(epoch: epoch, batch: batch), indices: Array(0..<count), images: images,
            labels: Tensor((0..<count).map(Int64.init)), seed: seed)
    }

    /// `images`'s bytes.
    static func bytes(_ tensor: Tensor) -> [UInt8] { tensor.withUnsafeBytes { Array($0) } }

    /// The message of the error `body` throws, or "no error".
    static func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return String(describing: error)
        }
    }
}
