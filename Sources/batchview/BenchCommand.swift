import ArgumentParser
import Batching
import BatchingHDF5
import BatchingPython
import Foundation

/// `batchview bench FILE|DIR` or `batchview bench --generate 60000x28x28`: iterates batches as
/// fast as it can, converting every batch to float32 as a training loop would, and prints one
/// JSON line with the throughput, the memory and the configuration (the figures
/// `shared/bench/peers.py` prints for the Python peers).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Iterate batches as fast as possible; print samples/s, MB/s and peak memory as one JSON line.",
        discussion: """
            MB_per_s counts the uint8 source bytes of a sample (as peers.py does), not the float \
            output, in MB of 10^6 bytes; the memory fields (peak_rss_MB, base_rss_MB, end_rss_*, \
            rss_by_epoch_MB, heap_by_epoch_MB, peak_bound_MB, cache_*_MB) are MiB (2^20 bytes), as peers.py's \
            peak_rss_MB is. Progress goes to stderr when it is a terminal. bench uses a batch size of 128 \
            unless --batch-size is given and --workers auto unless --workers is given: while workers leave \
            it a core, bench's main thread prepares batches too whenever the one it needs next is not \
            ready (it has nothing else to do), so auto is one worker per core but the main thread's \
            (--workers 0: the main thread alone). \
            With --file-batches or a python stage the main thread only waits, and auto is one worker per \
            core. --generate shuffles unless --shuffle off is given.
            Examples:
              batchview bench --generate 60000x28x28
              batchview bench data/mnist.h5 --shuffle --workers 2
              batchview bench contents/train --file-batches --workers 2
              batchview bench data/mnist.h5 --forward-only sized   (read as a generator with a length gives it)
            """
    )

    /// `--workers` when not given: `auto`, every core busy (with the main thread preparing
    /// batches too, one worker per core but one), the fastest choice measured (issue #16).
    static let defaultWorkers = WorkerCount.auto

    @Argument(help: "An HDF5 file, a folder of .h5 batch files, or a glob (not with --generate).")
    var path: String?

    @Option(
        help: ArgumentHelp(
            "Benchmark an in-memory uint8 tensor of this shape instead of a file.", valueName: "NxHxW[xC]"))
    var generate: String?

    @Flag(help: "Each file of a folder is one batch (the Kaggle feeder).")
    var fileBatches = false

    @Option(help: ForwardOnlyChoice.help)
    var forwardOnly: ForwardOnlyChoice?

    @OptionGroup var pipeline: PipelineOptions
    @OptionGroup var replay: ReplayCheckOptions
    @OptionGroup var source: SourceOptions
    @OptionGroup var iteration: IterationOptions

    func validate() throws {
        if generate == nil && path == nil {
            throw ValidationError("give a FILE or DIR to read, or --generate NxHxW for in-memory data")
        }
        if generate != nil && path != nil { throw ValidationError("give either a FILE/DIR or --generate, not both") }
        if fileBatches && generate != nil {
            throw ValidationError("--file-batches reads a folder of files; it does not go with --generate")
        }
        if forwardOnly == .unsized {
            throw ValidationError(
                "bench needs to know where an epoch ends, and an unsized forward-only source does not say; use --forward-only sized"
            )
        }
    }

    func run() throws {
        if fileBatches { try iteration.refuseSampleBatchOptionsWithFileBatches() }
        if forwardOnly != nil { try ForwardOnlyChoice.refuse(resume: iteration.resume, fileBatches: fileBatches) }
        var options = iteration.batchOptions
        if iteration.givenBatchSize == nil { options.batchSize = 128 }
        if generate != nil && iteration.givenShuffle == nil { options.order = .shuffled(seed: iteration.seed) }
        let chunkCache = source.makeChunkCache()
        var workload = try makeWorkload(chunkCache: chunkCache)
        let preprocessor = try pipeline.makePreprocessor(checkReplay: replay.checkReplay)
        let mainThreadMayPrepare = Self.mainThreadMayPrepare(fileBatches: fileBatches, preprocessor: preprocessor)
        let prefetchWorkers = pipeline.prefetchWorkers(
            fileBatches: fileBatches, default: Self.defaultWorkers, mainThreadPrepares: mainThreadMayPrepare)
        // Never more threads preparing batches than cores: with a worker on every core the main
        // thread would only take a core from one of them.
        let mainThreadPrepares = mainThreadMayPrepare && prefetchWorkers > 0 && prefetchWorkers < ParallelWork().width
        if let forwardOnly, let array = workload.source as? ArrayDataSource {
            // The threads preparing batches ask for the batches of their window (the buffer, one
            // batch each in hand) in any order: keep that many, and a few more.
            let window =
                pipeline.resolvedBuffer(fileBatches: false) + prefetchWorkers + (mainThreadPrepares ? 1 : 0) + 2
            let forward = try forwardOnly.source(over: array, options: options, epochs: iteration.epochs)
            workload.source = try CachedSequentialDataSource(forward, options: options, capacity: window)
        }
        var spec = try iteration.samplingSpec()
        if options.order.seed != nil && spec.shuffle == .off { spec.shuffle = .exact }
        let bounds = try iteration.runBounds(
            spec: spec, batchSize: options.batchSize, sampleCount: workload.sampleCount,
            batchCount: try workload.source.batchCount(options))
        let run = AddressSequence(
            start: bounds.start, batchesPerEpoch: try workload.source.batchCount(options), endEpoch: bounds.endEpoch)
        let buffer = PrefetchIterator<Batch>.effectiveBuffer(
            requested: pipeline.resolvedBuffer(fileBatches: fileBatches), for: run)
        let threadsPerBatch = pipeline.threadsPerBatch(fileBatches: fileBatches, default: Self.defaultWorkers)
        let result = try BenchRun(
            workload: workload, options: options, epochs: bounds.endEpoch, start: bounds.start,
            workers: prefetchWorkers, mainThreadPrepares: mainThreadPrepares,
            threadsPerBatch: threadsPerBatch, buffer: buffer, preprocessor: preprocessor,
            cacheBudget: generate == nil ? source.cacheMb * ByteUnits.mebibyte : 0
        ).run()
        var record = result.record
        record["workers"] = pipeline.workerThreads(
            default: Self.defaultWorkers, mainThreadPrepares: mainThreadMayPrepare)
        record["main_thread_prepares"] = mainThreadPrepares
        record["prefetch_workers"] = prefetchWorkers
        record["threads_per_batch"] = threadsPerBatch
        record["buffer"] = buffer
        record["batch_size"] = workload.fileBatches ? NSNull() : options.batchSize as Any
        record["shuffle"] = options.order.seed != nil
        record["seed"] = iteration.seed
        record["epochs"] = iteration.epochs
        record["read_path"] = generate == nil ? source.readPath.rawValue : "memory"
        record["deflate"] = generate == nil ? source.deflate.rawValue : NSNull()
        record["mode"] = workload.mode
        record["forward_only"] = forwardOnly?.rawValue ?? NSNull()
        record["source"] = workload.name
        record["preprocess"] = pipeline.preprocess ?? NSNull()
        record["check_replay"] = replay.checkReplay
        if let python = PythonStageReport(preprocessor, batches: result.record["batches"] as? Int ?? 0) {
            record["python"] = python.record
        }
        if generate == nil {
            let cache = chunkCache.statistics
            record["cache_budget_MB"] = source.cacheMb
            record["cache_held_MB"] = BenchRun.peersMemoryMB(cache.bytesHeld)
            record["cache_hits"] = cache.hits
            record["cache_misses"] = cache.misses
            record["cache_shared_decodes"] = cache.sharedDecodes
        }
        let json = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    /// Whether bench's main thread may prepare batches too while the one it needs next is not
    /// ready (``PrefetchIterator``'s `consumerHelps`, when a core is left for it): it has nothing
    /// else to do, except with whole-file batches (the workers already share each file, and a
    /// third 200 MB batch would cost memory) and with python stages (one worker process per
    /// `--workers`; a third caller would wait).
    static func mainThreadMayPrepare(fileBatches: Bool, preprocessor: (any Preprocessor)?) -> Bool {
        !fileBatches && (preprocessor?.externalStages.isEmpty ?? true)
    }

    private func makeWorkload(chunkCache: DecodedChunkCache) throws -> BenchWorkload {
        if let generate {
            let shape = try Self.parseShape(generate)
            let images = BenchWorkload.generatedImages(shape: shape)
            let labels = Tensor((0..<shape[0]).map { Int64($0 % 10) })
            let data = try ArrayDataSource([images, labels])
            return BenchWorkload(
                source: data, sampleCount: shape[0], bytesPerSample: shape.dropFirst().reduce(1, *),
                name: "generated:\(generate)", mode: "memory", fileBatches: false)
        }
        let opened = try source.open(path!, chunkCache: chunkCache)
        let bytesPerSample = opened.images.rowShape.reduce(1, *)
        if fileBatches {
            // Each file is read and converted to float32 a part at a time (no whole-file uint8
            // copy is kept beside the floats, which halves the memory held per file in flight).
            let source = opened.fileBatches(
                scalingImages: true,
                threadsPerFile: pipeline.threadsPerBatch(fileBatches: true, default: Self.defaultWorkers))
            return BenchWorkload(
                source: source, sampleCount: opened.sampleCount, bytesPerSample: bytesPerSample,
                name: path!, mode: "file-batches", fileBatches: true)
        }
        let data = try iteration.makeDataSource(
            [opened.images] + (opened.labels.map { [$0] } ?? []), for: opened, path: path!)
        return BenchWorkload(
            source: data, sampleCount: opened.sampleCount, bytesPerSample: bytesPerSample, name: path!, mode: "file",
            fileBatches: false)
    }

    /// `60000x28x28` → [60000, 28, 28].
    static func parseShape(_ text: String) throws -> [Int] {
        let parts = text.lowercased().split(separator: "x").map { Int($0) }
        guard parts.count >= 2, parts.count <= 4, parts.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError(
                "--generate takes a shape like 60000x28x28 or 50000x32x32x3 (2 to 4 positive numbers joined by x), not '\(text)'"
            )
        }
        let shape = parts.map { $0! }
        guard shape.reduce(1, *) <= 1 << 34 else {
            throw ValidationError("--generate \(text) is larger than 16 GiB; pick a smaller shape")
        }
        return shape
    }
}
