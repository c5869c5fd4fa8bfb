import ArgumentParser
import Batching
import BatchingHDF5
import Foundation

/// The options that make one of `diff`'s two configurations: the same groups every iterating
/// command takes.
struct DiffConfiguration: ParsableArguments {
    @OptionGroup var source: SourceOptions
    @OptionGroup var iteration: IterationOptions
    @OptionGroup var pipeline: PipelineOptions
}

/// `batchview diff FILE [options] --vs "OPTIONS"`: runs two configurations over the same data,
/// each through its own prefetch pipeline, and prints one JSON line saying where their batches
/// first differ — in the samples they hold, or in the bytes read or preprocessed — or that they
/// never do.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Run two configurations and print where their batches first differ, as one JSON line.",
        discussion: """
            The second configuration is the first with the options of --vs added (a later option wins). \
            Batches are compared in order over --epochs epochs: the sample indices, then the bytes read, then \
            the bytes after --preprocess. Prints {"first_divergent":{"epoch":E,"batch":K},"reason":"indices"|"bytes",…} \
            or {"first_divergent":null,…}; a progress bar goes to stderr when it is a terminal.
            Examples: batchview diff data/train.h5 --workers 0 --vs "--workers 2"
                      batchview diff data/train.h5 --shuffle --seed 1 --vs "--seed 2" --epochs 3
            """
    )

    @Argument(help: "An HDF5 file, a folder of .h5 batch files, or a glob.")
    var path: String

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The options that make the second configuration, in one argument (quote it).", valueName: "OPTIONS"))
    var vs: String

    @OptionGroup var first: DiffConfiguration

    func validate() throws {
        if first.iteration.resume != nil {
            throw ValidationError("diff compares two whole runs from their first batch; leave out --resume")
        }
    }

    func run() throws {
        let vsArguments = try ShellWords.split(vs)
        let second: DiffConfiguration
        do {
            second = try DiffConfiguration.parse(
                IterationOptions.normalisingShuffleSpellings(Self.ownOptions(of: path) + vsArguments))
        } catch {
            // Said as a mistake inside --vs, not with the usage of a command nobody typed.
            throw ValidationError("in --vs \"\(vs)\": \(DiffConfiguration.message(for: error))")
        }
        let epochs = first.iteration.epochs
        let firstBatches = try batches(first, epochs: epochs)
        let secondBatches = try batches(second, epochs: epochs)
        let total = try batchCount(first, epochs: epochs)
        let bar = ProgressBar(label: "diff", total: total, unit: .count("batches"))
        var compared = 0
        var record: [String: Any] = [
            "first_divergent": NSNull(), "reason": NSNull(), "epochs": epochs, "vs": vsArguments,
        ]
        while true {
            let a = try firstBatches.next()
            let b = try secondBatches.next()
            if a == nil && b == nil { break }
            if let difference = BatchDifference.between(a, b) {
                let address = (a ?? b)!.address
                record["first_divergent"] = ["epoch": address.epoch, "batch": address.batch]
                record["reason"] = difference.reason
                record["stage"] = difference.stage ?? NSNull()
                record["first_indices"] = a.map { Array($0.raw.indices.prefix(16)) } ?? NSNull()
                record["second_indices"] = b.map { Array($0.raw.indices.prefix(16)) } ?? NSNull()
                break
            }
            compared += 1
            bar.update(compared)
        }
        bar.finish()
        record["batches_compared"] = compared
        let json = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    /// The batches of `configuration`, from its own prefetch pipeline (`--workers`, `--buffer`)
    /// with its preprocessing, over `epochs` epochs.
    private func batches(_ configuration: DiffConfiguration, epochs: Int) throws
        -> PrefetchIterator<PreprocessedBatch>
    {
        let data = try configuration.source.open(path)
        let source = try configuration.iteration.makeDataSource(
            [data.images] + (data.labels.map { [$0] } ?? []), for: data, path: path)
        let options = configuration.iteration.batchOptions
        guard try source.batchCount(options) != nil else {
            throw BatchingError.invalidArgument(
                "an epoch of this configuration never ends (--repeats -1), so diff cannot reach its end; use --repeats 1"
            )
        }
        return try source.prefetchedBatches(
            options, epochs: epochs, workers: configuration.pipeline.workerThreads(),
            buffer: configuration.pipeline.resolvedBuffer(fileBatches: false),
            preprocessor: try configuration.pipeline.makePreprocessor(), seed: configuration.iteration.seed)
    }

    /// The batches the first configuration runs, for the progress bar.
    private func batchCount(_ configuration: DiffConfiguration, epochs: Int) throws -> Int? {
        let data = try configuration.source.open(path)
        let sampler = try configuration.iteration.makeSampler(for: data, path: path)
        let plan = try BatchPlan(
            sampler: sampler, repeats: configuration.iteration.repeats, options: configuration.iteration.batchOptions)
        return plan.batchCount.map { $0 * epochs }
    }

    /// The options this process was given after `diff`, without FILE and `--vs`: the first
    /// configuration, to which `--vs` adds.
    static func ownOptions(of path: String, arguments: [String] = CommandLine.arguments) -> [String] {
        var rest = Array(arguments.drop { $0 != "diff" }.dropFirst())
        if let file = rest.firstIndex(of: path) { rest.remove(at: file) }
        var kept = [String]()
        var index = 0
        while index < rest.count {
            if rest[index] == "--vs" {
                index += 2
                continue
            }
            if !rest[index].hasPrefix("--vs=") { kept.append(rest[index]) }
            index += 1
        }
        return kept
    }
}
