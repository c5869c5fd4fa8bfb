import ArgumentParser
import Batching

/// The options of the prefetch pipeline and preprocessing (`--workers`, `--buffer`,
/// `--preprocess`), for every command that iterates batches: use it with `@OptionGroup`.
struct PipelineOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Worker threads preparing batches ahead: a number (0: on the main thread) or auto (one per core; in bench, one per core but the main thread's, since bench's main thread prepares batches too); default 0, in bench auto. With --file-batches the workers share each file, one file ahead.",
            valueName: "N|auto"))
    var workers: String?

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
        if let workers, WorkerCount(workers) == nil {
            throw ValidationError("--workers takes a number of threads (0 or more) or auto, not '\(workers)'")
        }
        if let buffer, buffer < 1 { throw ValidationError("--buffer must be at least 1, not \(buffer)") }
        if let preprocess {
            do { _ = try PreprocessSpec(preprocess) } catch { throw ValidationError(String(describing: error)) }
        }
    }

    /// The buffer to use: `--buffer`, else 4 (1 when each batch is a whole file).
    func resolvedBuffer(fileBatches: Bool) -> Int { buffer ?? (fileBatches ? 1 : 4) }

    /// Worker threads: `--workers`, else `fallback` (the command's default), `auto` resolved to
    /// the machine's cores (all but one when `mainThreadPrepares`: the main thread is the last).
    func workerThreads(default fallback: WorkerCount = .count(0), mainThreadPrepares: Bool = false) -> Int {
        (workers.flatMap { WorkerCount($0) } ?? fallback).threads(mainThreadPrepares: mainThreadPrepares)
    }

    /// Prefetch threads: the worker threads, except that whole-file batches get one thread ahead
    /// of the consumer (the workers then share each file; see ``threadsPerBatch(fileBatches:default:)``).
    /// A worker per file would hold a file per worker and make workers compete for the same cores.
    func prefetchWorkers(
        fileBatches: Bool, default fallback: WorkerCount = .count(0), mainThreadPrepares: Bool = false
    ) -> Int {
        let threads = workerThreads(default: fallback, mainThreadPrepares: mainThreadPrepares)
        return fileBatches ? min(threads, 1) : threads
    }

    /// Threads that share one batch's reading and float conversion: the worker threads for
    /// whole-file batches, else 1 (small batches are spread over workers instead).
    func threadsPerBatch(fileBatches: Bool, default fallback: WorkerCount = .count(0)) -> Int {
        fileBatches ? max(workerThreads(default: fallback), 1) : 1
    }

    /// The preprocessor `--preprocess` describes, or `nil`; its python stages are started (one
    /// worker process per `--workers`, at least one) and have imported their function.
    func makePreprocessor(checkReplay: Bool = false) throws -> (any Preprocessor)? {
        let external = python.stageBuilder(workers: workerThreads(), checkReplay: checkReplay)
        return try preprocess.map { try PreprocessSpec($0).makePreprocessor(external: external) }
    }
}

/// The value of `--workers`: a number of threads, or `auto` for one per core.
enum WorkerCount: Equatable {
    case count(Int)
    case auto

    /// `auto` or a whole number of 0 or more; `nil` for anything else.
    init?(_ argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let count = Int(argument), count >= 0 {
            self = .count(count)
        } else {
            return nil
        }
    }

    /// The threads this stands for on this machine: `auto` is one per core, or one per core
    /// but one when `mainThreadPrepares` (the main thread prepares batches on the last core).
    func threads(mainThreadPrepares: Bool = false) -> Int {
        switch self {
        case .count(let count): count
        case .auto: mainThreadPrepares ? ParallelWork().width - 1 : ParallelWork().width
        }
    }
}
