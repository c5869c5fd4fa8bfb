import ArgumentParser
import BatchViewCore
import Batching
import Foundation

/// The colour choice of `--color`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case none
    case c256 = "256"
    case truecolor

    var mode: ColorMode {
        switch self {
        case .none: .none
        case .c256: .palette256
        case .truecolor: .truecolor
        }
    }
}

/// What the inspector and `batchview frame` share: the path, the datasets to read and how to
/// cut them into batches.
struct InspectorOptions: ParsableArguments {
    @Argument(
        help: "An HDF5 file, a folder of .h5 batch files, or a glob (default: the bundled demo Assets/digits.h5).")
    var path: String?

    @Flag(
        help:
            "Each file of a folder is one batch (the Kaggle feeder): batch K is file K, or a shuffled file with --shuffle."
    )
    var fileBatches = false

    @Option(help: ForwardOnlyChoice.help)
    var forwardOnly: ForwardOnlyChoice?

    @OptionGroup var source: SourceOptions
    @OptionGroup var iteration: IterationOptions
    @OptionGroup var pipeline: PipelineOptions

    /// The path to open: the argument or the demo.
    ///
    /// - Throws: ``InspectorStartError/demoNotFound`` without a path when the demo is missing.
    var resolvedPath: String { get throws { try path ?? DatasetOpener.demoPath() } }

    /// The batch configuration the flags describe, for `shard`.
    func configuration(shard: Shard) -> InspectorConfiguration {
        InspectorConfiguration(
            batchSize: iteration.batchSize, sampling: iteration.samplingSpec(shard: shard),
            // Without --epochs the inspector's epochs never end (the default of 1 is for
            // `order`, `dump` and `bench`), unless a resume token carries an end.
            epochs: iteration.givenEpochs ?? iteration.resume?.endEpoch)
    }

    /// Opens the data and starts a session on it.
    func session(colorMode: ColorMode, environment: InspectorEnvironment) throws -> InspectorSession {
        if fileBatches { try iteration.refuseSampleBatchOptionsWithFileBatches() }
        if forwardOnly != nil { try ForwardOnlyChoice.refuse(resume: iteration.resume, fileBatches: fileBatches) }
        var dataset = try DatasetOpener.open(
            try resolvedPath, options: source, fileBatches: fileBatches,
            threadsPerFile: pipeline.threadsPerBatch(fileBatches: true))
        if let preprocessor = try pipeline.makePreprocessor(), let spec = pipeline.preprocess {
            dataset.preprocessing = InspectedPreprocessing(preprocessor, name: spec, seed: iteration.seed)
        }
        // File batches are neither sampled nor sharded (RANK/WORLD_SIZE are not read): a file is the batch.
        let configuration = configuration(shard: fileBatches ? .whole : try iteration.resolvedShard())
        if let forwardOnly { dataset = try readForwardOnly(dataset, as: forwardOnly, configuration: configuration) }
        var start = BatchAddress(epoch: 0, batch: 0)
        if let token = iteration.resume {
            try token.check(
                against: ConfigurationFingerprint(
                    configuration.sampling, batchSize: configuration.batchSize, sampleCount: dataset.sampleCount))
            start = token.address
        }
        let session = try InspectorSession(
            dataset: dataset, configuration: configuration, colorMode: colorMode,
            environment: environment, startingAt: start)
        // Nothing could be shown: say why in full and fail, rather than draw a screen with a cut sentence.
        if session.current == nil, let reason = session.loadError { throw InspectorStartError.firstBatch(reason) }
        return session
    }

    /// `dataset`'s batches under `configuration`, given by a forward-only source (`--forward-only`).
    private func readForwardOnly(
        _ dataset: InspectedDataset, as choice: ForwardOnlyChoice, configuration: InspectorConfiguration
    ) throws -> InspectedDataset {
        let sampler = try configuration.sampling.makeSampler(for: dataset.sampling)
        let array = try ArrayDataSource(
            [dataset.images] + (dataset.labels.map { [$0] } ?? []),
            repeats: sampler.drawsWithReplacement ? 1 : configuration.sampling.repeats, sampler: sampler)
        let options = configuration.batchOptions
        var forward = try InspectedDataset(
            name: "\(dataset.name) (forward only, \(choice.rawValue))",
            forwardOnly: try choice.source(over: array, options: options, epochs: configuration.epochs),
            options: options, imagesName: dataset.imagesName, layout: dataset.layout, labelsName: dataset.labelsName,
            classNames: dataset.classNames)
        forward.preprocessing = dataset.preprocessing
        return forward
    }
}
