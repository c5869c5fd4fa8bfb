import ArgumentParser
import Batching
import BatchingHDF5
import Foundation

/// `batchview order`: prints the index stream, one JSON object per batch, so anyone can check
/// which samples each batch holds without writing Swift.
struct OrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Print which sample indices each batch holds, one JSON object a line.",
        discussion: """
            Each line is {"epoch":E,"batch":K,"indices":[…]}. Give an HDF5 file (or folder of batch \
            files) to use its sample count, labels (--sampler balanced) and weights \
            (--sampler weights:DATASET), or --count N for N samples numbered 0..<N.
            Examples: batchview order --count 5 --batch-size 3 --repeats 2
                      batchview order data/train.h5 --sampler balanced --shuffle --batch-size 32
            """
    )

    @Argument(help: "An HDF5 file, a folder of .h5 batch files, or a glob (or use --count).")
    var path: String?

    @Option(parsing: .unconditional, help: "The number of samples in the data, when no file is given.")
    var count: Int?

    @OptionGroup var source: SourceOptions

    @Option(help: "Stop an endless epoch (--repeats -1, an endless sampler) after this many batches.")
    var maxBatches: Int?

    @OptionGroup var iteration: IterationOptions

    func validate() throws {
        guard (path == nil) != (count == nil) else {
            throw ValidationError(
                "give either a file (batchview order data/train.h5) or --count N, not both and not neither")
        }
        if let count, count < 0 { throw ValidationError("--count must be 0 or more, not \(count)") }
        if let maxBatches, maxBatches < 1 {
            throw ValidationError("--max-batches must be at least 1, not \(maxBatches)")
        }
    }

    func run() throws {
        let data = try samplingData()
        let spec = try iteration.samplingSpec()
        let plan = try BatchPlan(
            sampler: try spec.makeSampler(for: data), repeats: iteration.repeats, options: iteration.batchOptions)
        if plan.batchCount == 0 {
            throw BatchingError.invalidArgument("there are no samples to order: the data (or its --subset) is empty")
        }
        guard let batches = [plan.batchCount, maxBatches].compactMap({ $0 }).min() else {
            throw BatchingError.invalidArgument(
                "the epoch never ends (--repeats -1 or an endless sampler); add --max-batches N")
        }
        let bounds = try iteration.runBounds(
            spec: spec, batchSize: iteration.batchSize, sampleCount: data.sampleCount, batchCount: plan.batchCount)
        let output = BufferedOutput()
        for epoch in bounds.start.epoch..<bounds.endEpoch {
            for batch in (epoch == bounds.start.epoch ? bounds.start.batch : 0)..<batches {
                let indices = try plan.indices(epoch: epoch, batch: batch)
                output.write("{\"epoch\":\(epoch),\"batch\":\(batch),\"indices\":[")
                output.write(indices.map(String.init).joined(separator: ","))
                output.write("]}\n")
            }
        }
        output.flush()
    }

    private func samplingData() throws -> SamplingData {
        if let path { return SamplingData(try source.open(path), path: path) }
        // Numbered samples have no labels, weights or chunks: the spec says so if it needs them.
        return SamplingData(name: "--count \(count ?? 0)", sampleCount: count ?? 0)
    }
}
