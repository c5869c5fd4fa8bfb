import ArgumentParser
import Batching
import BatchingHDF5
import Foundation

/// `batchview dump PATH (--indices 3,1,2 | --epoch E --batch K) -o DIR`: writes the chosen
/// samples as NumPy files — `images.npy` (as stored), `labels.npy`, `indices.npy` — so that a
/// batch can be checked in Python.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Write chosen samples as images.npy, labels.npy and indices.npy.",
        discussion: """
            Choose samples by --indices, or the batch at --epoch E --batch K under the iteration \
            options. --file-batches makes batch K of every epoch the K-th file of a folder.
            Example: batchview dump data/train.h5 --shuffle --seed 7 --batch-size 32 --epoch 2 --batch 5 -o out
            """
    )

    @Argument(help: "An HDF5 file, a folder of .h5 batch files, or a glob.")
    var path: String

    @Option(help: ArgumentHelp("Sample indices to write, comma-separated, in the order wanted.", valueName: "i,j,…"))
    var indices: String?

    @Option(help: "The epoch of the batch to write (with --batch).")
    var epoch: Int?

    @Option(help: "The batch (within --epoch) to write.")
    var batch: Int?

    @Flag(help: "Each file of a folder is one batch (the Kaggle feeder): batch K is file K.")
    var fileBatches = false

    @Option(name: [.customShort("o"), .customLong("output")], help: "The folder to write into (created if missing).")
    var output: String

    @OptionGroup var source: SourceOptions
    @OptionGroup var iteration: IterationOptions

    func validate() throws {
        if indices != nil && (epoch != nil || batch != nil) {
            throw ValidationError("give either --indices or --epoch/--batch, not both")
        }
        if indices == nil && batch == nil { throw ValidationError("say which samples to write: --indices 3,1,2 or --epoch E --batch K") }
        if let epoch, epoch < 0 { throw ValidationError("--epoch must be 0 or more, not \(epoch)") }
        if let batch, batch < 0 { throw ValidationError("--batch must be 0 or more, not \(batch)") }
    }

    func run() throws {
        let data = try source.open(path)
        let chosen = try chooseIndices(data)
        let images = try data.images.gatherRows(chosen)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try NumpyFile.write(images, to: (output as NSString).appendingPathComponent("images.npy"))
        if let labels = data.labels {
            try NumpyFile.write(try labels.gatherRows(chosen), to: (output as NSString).appendingPathComponent("labels.npy"))
        }
        try NumpyFile.write(Tensor(chosen.map(Int64.init)), to: (output as NSString).appendingPathComponent("indices.npy"))
        FileHandle.standardError.write(Data("wrote \(chosen.count) samples of \(path) to \(output)\n".utf8))
    }

    private func chooseIndices(_ data: HDF5Source) throws -> [Int] {
        if let indices {
            let parsed = indices.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return try parsed.map { text in
                guard let value = Int(text) else {
                    throw BatchingError.invalidArgument("--indices takes whole numbers separated by commas; \"\(text)\" is not one")
                }
                guard value >= 0 && value < data.sampleCount else {
                    throw BatchingError.indexOutOfRange(index: value, count: data.sampleCount)
                }
                return value
            }
        }
        let address = BatchAddress(epoch: epoch ?? 0, batch: batch ?? 0)
        if fileBatches {
            return try data.fileBatches(scalingImages: false).batch(at: address, iteration.batchOptions).indices
        }
        let sampler = try iteration.makeSampler(for: data, path: path)
        let plan = try BatchPlan(sampler: sampler, repeats: iteration.repeats, options: iteration.batchOptions)
        return try plan.indices(epoch: address.epoch, batch: address.batch)
    }
}
