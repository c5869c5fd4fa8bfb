import Batching
import Foundation

/// A `python:FILE.py:NAME` (or `python-sample:…`) stage: the user's function, run in persistent
/// Python worker processes, on the batch's images and labels.
///
/// The function is called as `NAME(images, labels, rng)` (per sample: `NAME(image, label, rng)`,
/// results stacked) and returns images or `(images, labels)`. Before each call the worker seeds
/// `rng`, Python's `random`, NumPy's global generator and (when imported) torch's from (seed,
/// stream, epoch, batch, slice[, sample]), so the slice at an address replays to the byte.
///
/// ```swift
/// let stage = try PythonStageBuilder(workers: 2).makePreprocessor(
///     for: .python(module: "aug.py", function: "jitter", perSample: false))
/// ```
public struct PythonPreprocessor: Preprocessor {
    public var state = PreprocessorState()
    /// The function called.
    public var function: PythonFunction { pool.function }
    /// Whether each call runs twice on different workers and must give the same bytes.
    public let checksReplay: Bool
    private let pool: PythonWorkerPool

    init(pool: PythonWorkerPool, checksReplay: Bool) {
        self.pool = pool
        self.checksReplay = checksReplay
    }

    /// The number of worker processes.
    public var workerCount: Int { pool.count }

    /// Where the stage's time went so far.
    public var statistics: PythonCallStatistics { pool.tally.snapshot }

    public func sliceCount(for input: BatchSlice) throws -> Int { 1 }

    public func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice {
        let result =
            checksReplay
            ? try replayChecked(input)
            : try pool.call(images: input.images, labels: input.labels, key: key(of: input))
        var output = input
        output.images = result.images
        if let labels = result.labels { output.labels = labels }
        return output
    }

    /// Runs the call on `input` twice, on two different workers, whatever ``checksReplay`` says
    /// (the inspector's on-demand check).
    ///
    /// - Throws: ``PythonStageError/notReplayable(stage:address:differingSamples:samples:)`` when
    ///   the two results' bytes differ, or the call's own error.
    public func checkReplay(of input: BatchSlice) throws {
        _ = try replayChecked(input)
    }

    private func replayChecked(_ input: BatchSlice) throws -> PythonResult {
        let (first, second) = try pool.callTwice(images: input.images, labels: input.labels, key: key(of: input))
        let differing = ReplayComparison.differingSamples(first, second)
        guard differing == 0 else {
            throw PythonStageError.notReplayable(
                stage: function.stage, address: input.address, differingSamples: differing,
                samples: max(first.images.rowCount, second.images.rowCount))
        }
        return first
    }

    private func key(of input: BatchSlice) -> PythonCallKey {
        PythonCallKey(seed: input.seed, stream: input.stream, address: input.address)
    }

    public func reasonForNoSlices(_ input: BatchSlice) -> String {
        "\(function.stage) yields no slice for images of shape \(input.images.shape)"
    }
}

/// How two results of the same call differ.
enum ReplayComparison {
    /// The number of samples whose image or label bytes differ (every sample when the shapes or
    /// dtypes differ).
    static func differingSamples(_ a: PythonResult, _ b: PythonResult) -> Int {
        var differing = Set(rowsDiffering(a.images, b.images))
        switch (a.labels, b.labels) {
        case (nil, nil): break
        case (let x?, let y?): differing.formUnion(rowsDiffering(x, y))
        default: return max(a.images.rowCount, b.images.rowCount)
        }
        return differing.count
    }

    private static func rowsDiffering(_ a: Tensor, _ b: Tensor) -> [Int] {
        guard a.dtype == b.dtype, a.shape == b.shape else { return Array(0..<max(a.rowCount, b.rowCount)) }
        let rowBytes = a.bytesPerRow
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                (0..<a.rowCount).filter { row in
                    let start = row * rowBytes
                    return memcmp(x.baseAddress! + start, y.baseAddress! + start, rowBytes) != 0
                }
            }
        }
    }
}
