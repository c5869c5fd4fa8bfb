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
public struct PythonPreprocessor: ExternalStage {
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

    public var specification: String { function.stage }
    public var functionName: String { function.name }
    public var definedIn: String { function.module }

    /// The number of worker processes.
    public var workerCount: Int { pool.count }

    /// Where the stage's time went so far.
    public var statistics: PythonCallStatistics { pool.tally.snapshot }

    public func sliceCount(for input: BatchSlice) throws -> Int { 1 }

    public func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice {
        if checksReplay { return try replayChecked(input) }
        return output(try pool.call(images: input.images, labels: input.labels, key: key(of: input)), from: input)
    }

    /// Runs the call on `input` twice, on two different workers, whatever ``checksReplay`` says
    /// (``Preprocessor/replayVerdict(_:of:)`` gives the same check as a value, for a chain).
    ///
    /// - Throws: ``PythonStageError/notReplayable(stage:address:differingSamples:samples:)`` when
    ///   the two results' bytes differ, or the call's own error.
    public func checkReplay(of input: BatchSlice) throws {
        _ = try replayChecked(input)
    }

    public func sliceTwice(of input: BatchSlice) throws -> (BatchSlice, BatchSlice) {
        let (first, second) = try pool.callTwice(images: input.images, labels: input.labels, key: key(of: input))
        return (output(first, from: input), output(second, from: input))
    }

    private func replayChecked(_ input: BatchSlice) throws -> BatchSlice {
        let (first, second) = try sliceTwice(of: input)
        let differing = ReplayVerdict.differingRows(first, second).count
        guard differing == 0 else {
            throw PythonStageError.notReplayable(
                stage: function.stage, address: input.address, differingSamples: differing,
                samples: max(first.images.rowCount, second.images.rowCount))
        }
        return first
    }

    private func output(_ result: PythonResult, from input: BatchSlice) -> BatchSlice {
        var output = input
        output.images = result.images
        if let labels = result.labels { output.labels = labels }
        return output
    }

    private func key(of input: BatchSlice) -> PythonCallKey {
        PythonCallKey(seed: input.seed, stream: input.stream, address: input.address)
    }

    public func reasonForNoSlices(_ input: BatchSlice) -> String {
        "\(function.stage) yields no slice for images of shape \(input.images.shape)"
    }
}
