import ArgumentParser
import Batching
import BatchingPython

/// The options of `python:` preprocessing stages (`--python`, `--python-timeout`); part of
/// ``PipelineOptions``, so every command that takes `--preprocess` takes them.
struct PythonOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The Python interpreter that runs python: stages (default: $BATCHVIEW_PYTHON, else python3 on PATH).",
            valueName: "PATH"))
    var python: String?

    @Option(help: ArgumentHelp("Seconds one python: call may take before its worker is stopped.", valueName: "SECONDS"))
    var pythonTimeout: Double = 30

    func validate() throws {
        guard pythonTimeout > 0, pythonTimeout.isFinite else {
            throw ValidationError("--python-timeout must be a number of seconds above 0, not \(pythonTimeout)")
        }
    }

    /// The builder of the python stages, with `workers` worker processes per stage.
    func stageBuilder(workers: Int, checkReplay: Bool) -> PythonStageBuilder {
        PythonStageBuilder(
            interpreter: python, workers: max(workers, 1), timeout: .milliseconds(Int64(pythonTimeout * 1000)),
            checkReplay: checkReplay)
    }
}

/// `--check-replay` of `dump` and `bench`.
struct ReplayCheckOptions: ParsableArguments {
    @Flag(
        help:
            "Run every python: call twice, on two different workers, and fail with a sentence if the bytes differ (an augmentation that is not replayable)."
    )
    var checkReplay = false
}
