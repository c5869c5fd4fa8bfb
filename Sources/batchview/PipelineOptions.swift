import ArgumentParser
import Batching

/// The options of the prefetch pipeline and preprocessing (`--workers`, `--buffer`,
/// `--preprocess`), for every command that iterates batches: use it with `@OptionGroup`.
struct PipelineOptions: ParsableArguments {
    @Option(
        help:
            "Worker threads preparing batches ahead (0: on the main thread). With --file-batches the workers share each file, one file ahead."
    )
    var workers: Int = 0

    @Option(
        help: "Batches prepared ahead of the consumer (default 4, or 1 with --file-batches: a file is a large batch).")
    var buffer: Int?

    @Option(
        help: ArgumentHelp(
            "Preprocess every batch, e.g. crop:24,flip:h or timeseries:window=50,slide=25,start=0.",
            valueName: "SPEC"))
    var preprocess: String?

    @OptionGroup var python: PythonOptions

    func validate() throws {
        guard workers >= 0 else { throw ValidationError("--workers must be 0 or more, not \(workers)") }
        if let buffer, buffer < 1 { throw ValidationError("--buffer must be at least 1, not \(buffer)") }
        if let preprocess {
            do { _ = try PreprocessSpec(preprocess) } catch { throw ValidationError(String(describing: error)) }
        }
    }

    /// The buffer to use: `--buffer`, else 4 (1 when each batch is a whole file).
    func resolvedBuffer(fileBatches: Bool) -> Int { buffer ?? (fileBatches ? 1 : 4) }

    /// Prefetch threads: `--workers`, except that whole-file batches get one thread ahead of
    /// the consumer (its `--workers` threads then share each file; see ``threadsPerBatch(fileBatches:)``).
    /// A worker per file would hold a file per worker and make workers compete for the same cores.
    func prefetchWorkers(fileBatches: Bool) -> Int { fileBatches ? min(workers, 1) : workers }

    /// Threads that share one batch's reading and float conversion: `--workers` for whole-file
    /// batches, else 1 (small batches are spread over workers instead).
    func threadsPerBatch(fileBatches: Bool) -> Int { fileBatches ? max(workers, 1) : 1 }

    /// The preprocessor `--preprocess` describes, or `nil`; its python stages are started (one
    /// worker process per `--workers`, at least one) and have imported their function.
    func makePreprocessor(checkReplay: Bool = false) throws -> (any Preprocessor)? {
        let external = python.stageBuilder(workers: workers, checkReplay: checkReplay)
        return try preprocess.map { try PreprocessSpec($0).makePreprocessor(external: external) }
    }
}
