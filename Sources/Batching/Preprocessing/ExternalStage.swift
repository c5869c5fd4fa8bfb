/// A preprocessing stage whose work runs outside this process — a `python:` stage's function in
/// worker processes — as the inspector names it and the replay check runs it.
///
/// `Batching` starts no process; `BatchingPython`'s `PythonPreprocessor` conforms. Such a stage
/// yields one slice per batch, reports its own time and its transport time per call through
/// ``StageRecorder/addExternal(seconds:transport:)``, and can compute a slice on two different
/// workers for ``Preprocessor/replayVerdict(_:of:)``.
///
/// ```swift
/// if let python = stage as? any ExternalStage {
///     print("\(python.functionName)() in \(python.definedIn)")   // jitter() in aug.py
/// }
/// ```
public protocol ExternalStage: Preprocessor {
    /// The stage as written in `--preprocess`, e.g. `python:aug.py:jitter`.
    var specification: String { get }
    /// The function the stage calls, e.g. `jitter`.
    var functionName: String { get }
    /// Where the function is defined: a file, e.g. `aug.py`, or a module, e.g. `mypkg.augment`.
    var definedIn: String { get }
    /// The stage's one slice of `input`, computed twice, on two different workers.
    func sliceTwice(of input: BatchSlice) throws -> (BatchSlice, BatchSlice)
}

extension Preprocessor {
    /// The external stages of this preprocessor: itself, or those among a chain's stages.
    public var externalStages: [any ExternalStage] {
        if let external = self as? any ExternalStage { return [external] }
        if let chain = self as? PreprocessorChain { return chain.stages.flatMap(\.externalStages) }
        return []
    }
}

/// An error of one call of an ``ExternalStage`` on one batch — the function raised, hung, died,
/// returned junk or was cancelled — rather than of the configuration: the batch's raw input is
/// fine, so the inspector shows it under the error instead of showing nothing.
public protocol ExternalStageError: Error, CustomStringConvertible {
    /// Whether the call stopped because it was cancelled (``ExternalCallWatch/cancel()``).
    var isCancellation: Bool { get }
}
