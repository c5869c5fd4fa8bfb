import ArgumentParser
import Batching
import BatchViewCore
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
    @Argument(help: "An HDF5 file, a folder of .h5 batch files, or a glob (default: the bundled demo Assets/digits.h5).")
    var path: String?

    @OptionGroup var source: SourceOptions
    @OptionGroup var iteration: IterationOptions
    @OptionGroup var pipeline: PipelineOptions

    /// The path to open: the argument or the demo.
    var resolvedPath: String { path ?? DatasetOpener.demoPath() }

    /// The batch configuration the flags describe.
    var configuration: InspectorConfiguration {
        let sampler: SamplerKind
        switch iteration.sampler {
        case .uniform: sampler = .uniform
        case .balanced: sampler = .balanced
        case .weights(let name): sampler = .weights(name)
        }
        return InspectorConfiguration(
            batchSize: iteration.batchSize, shuffle: iteration.shuffle != .off, seed: iteration.seed, sampler: sampler,
            repeats: iteration.repeats, dropLast: iteration.dropLast, subset: iteration.subset?.range)
    }

    /// Opens the data and starts a session on it.
    func session(colorMode: ColorMode, environment: InspectorEnvironment) throws -> InspectorSession {
        var dataset = try DatasetOpener.open(resolvedPath, options: source)
        if let preprocessor = try pipeline.makePreprocessor(), let spec = pipeline.preprocess {
            dataset.preprocessing = InspectedPreprocessing(preprocessor, name: spec, seed: iteration.seed)
        }
        return try InspectorSession(dataset: dataset, configuration: configuration, colorMode: colorMode, environment: environment)
    }
}
