import ArgumentParser
import Batching

/// `--forward-only sized|unsized` (inspector, `frame`, `bench`): the batches the other flags
/// describe, read through a forward-only source, as a Python generator or a loader without
/// random access gives them — to see what such a loader would give you. `sized` says its
/// sample count (a loader with a length: epochs and `batch k of K`); `unsized` does not (a
/// generator: one stream read until it ends).
enum ForwardOnlyChoice: String, ExpressibleByArgument, CaseIterable {
    case sized
    case unsized

    static let help = ArgumentHelp(
        "Read the batches through a forward-only source, as a generator gives them: sized (it says its length) or unsized (read until it ends); then b, s, y, g ahead, / and --resume are refused.",
        valueName: "sized|unsized")

    /// `array`'s batches under `options`, one epoch after another until `epochs` (`nil`: without
    /// end), each epoch a fresh walk read forward only.
    func source(over array: ArrayDataSource, options: BatchOptions, epochs: Int?) throws -> CallableDataSource {
        let count: SampleCount = self == .sized ? try array.sampleCount(options) : .unknown
        return CallableDataSource(sampleCount: count) { _, epoch in
            guard epochs.map({ epoch < $0 }) ?? true else { return SequentialBatchStream { nil } }
            return try array.batches(options, startingAt: BatchAddress(epoch: epoch, batch: 0)).columnStream()
        }
    }

    /// Refuses `--resume` (a forward-only source cannot start at a batch) and `--file-batches`.
    static func refuse(resume: ResumeToken?, fileBatches: Bool) throws {
        if resume != nil {
            throw ValidationError(
                "--forward-only reads the batches forward from the first, so it cannot start at a resume token; leave out --resume"
            )
        }
        if fileBatches {
            throw ValidationError(
                "--forward-only reads batches cut by --batch-size; it does not go with --file-batches")
        }
    }
}
