/// `--file-batches` makes each file of a folder one batch, so the options that cut batches by
/// samples mean nothing with it; every command that takes `--file-batches` refuses them the
/// same way (the inspector, `bench`, `dump`).
extension IterationOptions {
    /// The options that cut batches by samples.
    static let sampleBatchOptions = ["--batch-size", "--sampler", "--subset", "--repeats", "--drop-last", "--shard"]

    /// Throws ``NotWithFileBatchesError`` for the first option of `arguments` (the command line)
    /// that does not go with `--file-batches`, or for `--shuffle chunks`.
    func refuseSampleBatchOptionsWithFileBatches(_ arguments: [String] = CommandLine.arguments) throws {
        for argument in arguments {
            if let option = Self.sampleBatchOptions.first(where: { argument == $0 || argument.hasPrefix($0 + "=") }) {
                throw NotWithFileBatchesError(option: option)
            }
        }
        if shuffle == .chunks { throw NotWithFileBatchesError(option: "--shuffle chunks") }
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
