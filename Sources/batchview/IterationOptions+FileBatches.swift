/// `--file-batches` makes each file of a folder one batch, so the options that cut batches by
/// samples mean nothing with it; every command that takes `--file-batches` refuses them the
/// same way (the inspector, `bench`, `dump`).
extension IterationOptions {
    /// The options that cut batches by samples and were given, named as typed.
    var givenSampleBatchOptions: [String] {
        [
            givenBatchSize.map { _ in "--batch-size" }, givenSampler.map { _ in "--sampler" },
            subset.map { _ in "--subset" }, givenRepeats.map { _ in "--repeats" }, dropLast ? "--drop-last" : nil,
            shard.map { _ in "--shard" }, shuffle == .chunks ? "--shuffle chunks" : nil,
        ].compactMap { $0 }
    }

    /// Throws ``NotWithFileBatchesError`` for the first option given that does not go with
    /// `--file-batches` (`--shuffle chunks` among them).
    func refuseSampleBatchOptionsWithFileBatches() throws {
        if let option = givenSampleBatchOptions.first { throw NotWithFileBatchesError(option: option) }
    }
}

/// An option that cuts batches by samples was given with `--file-batches`, where a file is the batch.
struct NotWithFileBatchesError: Error, CustomStringConvertible {
    /// The option as the user typed its name.
    var option: String

    var description: String {
        "\(option) does not apply with --file-batches, where each batch is one whole file (batch k of an epoch is the "
            + "k-th file, or a shuffled file with --shuffle); leave \(option) out, or leave out --file-batches to cut batches by --batch-size"
    }
}
