import ArgumentParser
import Batching
import Foundation

/// `batchview order`: prints the index stream, one JSON object per batch, so anyone can check
/// which samples each batch holds without writing Swift.
struct OrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Print which sample indices each batch holds, one JSON object a line.",
        discussion: """
            Each line is {"epoch":E,"batch":K,"indices":[…]}. With --count N the data is N samples \
            numbered 0..<N; --sampler balanced needs labels, so it is for files.
            Example: batchview order --count 5 --batch-size 3 --repeats 2
            """
    )

    @Option(help: "The number of samples in the data.")
    var count: Int

    @Option(help: "Stop an endless epoch (--repeats -1, an endless sampler) after this many batches.")
    var maxBatches: Int?

    @OptionGroup var iteration: IterationOptions

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be 0 or more, not \(count)") }
        if let maxBatches, maxBatches < 1 { throw ValidationError("--max-batches must be at least 1, not \(maxBatches)") }
    }

    func run() throws {
        let sampler = try iteration.makeSampler(
            sampleCount: count,
            labels: { throw BatchingError.invalidArgument("--sampler balanced needs labels; give a file instead of --count") },
            weights: { name in throw BatchingError.invalidArgument("--sampler weights:\(name) needs a file to read the weights from; give a file instead of --count") })
        let plan = try BatchPlan(sampler: sampler, repeats: iteration.repeats, options: iteration.batchOptions)
        if plan.batchCount == nil && maxBatches == nil {
            throw BatchingError.invalidArgument("the epoch never ends (--repeats -1 or an endless sampler); add --max-batches N")
        }
        let output = BufferedOutput()
        for epoch in 0..<iteration.epochs {
            let batches = [plan.batchCount, maxBatches].compactMap { $0 }.min()!
            for batch in 0..<batches {
                let indices = try plan.indices(epoch: epoch, batch: batch)
                output.write("{\"epoch\":\(epoch),\"batch\":\(batch),\"indices\":[")
                output.write(indices.map(String.init).joined(separator: ","))
                output.write("]}\n")
            }
        }
        output.flush()
    }
}
