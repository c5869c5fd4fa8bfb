import Batching
import Foundation

/// Builds the `python:` and `python-sample:` stages of a ``PreprocessSpec``: starts each stage's
/// worker processes and waits until they have imported the function, so that a bad module is
/// reported before anything else happens.
///
/// ```swift
/// let spec = try PreprocessSpec("crop:24,python:aug.py:jitter")
/// let chain = try spec.makePreprocessor(external: PythonStageBuilder(workers: 2))
/// ```
public struct PythonStageBuilder: ExternalStageBuilder {
    /// The interpreter: a path, or a name looked up on PATH.
    public var interpreter: String
    /// Worker processes per stage (at least 1; at least 2 when checking replay).
    public var workers: Int
    /// The longest one call may take.
    public var timeout: Duration
    /// Whether every call runs twice on different workers and must give the same bytes.
    public var checkReplay: Bool

    /// - Parameter interpreter: `nil` for `$BATCHVIEW_PYTHON`, else `python3`.
    public init(
        interpreter: String? = nil, workers: Int = 1, timeout: Duration = .seconds(30), checkReplay: Bool = false
    ) {
        self.interpreter =
            interpreter ?? ProcessInfo.processInfo.environment["BATCHVIEW_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "python3"
        self.workers = workers
        self.timeout = timeout
        self.checkReplay = checkReplay
    }

    public func makePreprocessor(for stage: PreprocessSpec.Stage) throws -> (any Preprocessor)? {
        guard case .python(let module, let name, let perSample) = stage else { return nil }
        let function = PythonFunction(
            interpreter: interpreter, module: module, name: name, perSample: perSample, timeout: timeout)
        let count = max(workers, checkReplay ? 2 : 1)
        return PythonPreprocessor(pool: try PythonWorkerPool(function, count: count), checksReplay: checkReplay)
    }

    /// The `python:` stages of `preprocessor` (itself, or the stages of a chain).
    public static func pythonStages(of preprocessor: (any Preprocessor)?) -> [PythonPreprocessor] {
        preprocessor?.externalStages.compactMap { $0 as? PythonPreprocessor } ?? []
    }
}
