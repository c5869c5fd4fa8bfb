/// Builds the ``PreprocessSpec`` stages whose work happens outside `Batching`: the `python:` and
/// `python-sample:` stages, which the `BatchingPython` module runs in worker processes.
///
/// `Batching` parses those stages (the spec language is one place) but starts no process; a
/// module that can run them passes a builder to ``PreprocessSpec/makePreprocessor(external:)``.
///
/// ```swift
/// let spec = try PreprocessSpec("crop:24,python:aug.py:jitter")
/// let preprocessor = try spec.makePreprocessor(external: PythonStageBuilder(workers: 2))
/// ```
public protocol ExternalStageBuilder: Sendable {
    /// The preprocessor for `stage`, or `nil` when this builder does not build that kind of stage.
    func makePreprocessor(for stage: PreprocessSpec.Stage) throws -> (any Preprocessor)?
}
