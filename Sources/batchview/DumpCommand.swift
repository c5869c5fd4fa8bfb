import ArgumentParser
import Batching
import BatchingHDF5
import Foundation

/// `batchview dump PATH (--indices 3,1,2 | --epoch E --batch K) -o DIR`: writes the chosen
/// samples as NumPy files — `images.npy` (as stored), `labels.npy` (text labels as class
/// indices), `indices.npy`, and with
/// `--preprocess` `augmented.npy` (the slices stacked) — so that a batch can be checked in Python.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Write chosen samples as images.npy, labels.npy, indices.npy (and augmented.npy).",
        discussion: """
            Choose samples by --indices, or the batch at --epoch E --batch K (or at a --resume \
            TOKEN) under the iteration options. --file-batches makes batch K of every epoch the K-th file of a folder.
            labels.npy holds the labels as stored; text labels ("cat", "dog") as int64 class indices             into the class names `info` lists, enumeration labels as their values.
            Example: batchview dump data/train.h5 --shuffle --seed 7 --batch-size 32 --epoch 2 --batch 5 -o out
            """
    )

    @Argument(help: "An HDF5 file, a folder of .h5 batch files, or a glob.")
    var path: String

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Sample indices to write, comma-separated, in the order wanted.", valueName: "i,j,…"))
    var indices: String?

    @Option(parsing: .unconditional, help: "The epoch of the batch to write (with --batch).")
    var epoch: Int?

    @Option(parsing: .unconditional, help: "The batch (within --epoch) to write.")
    var batch: Int?

    @Flag(help: "Each file of a folder is one batch (the Kaggle feeder): batch K is file K.")
    var fileBatches = false

    @Option(name: [.customShort("o"), .customLong("output")], help: "The folder to write into (created if missing).")
    var output: String

    @OptionGroup var source: SourceOptions
    @OptionGroup var iteration: IterationOptions
    @OptionGroup var pipeline: PipelineOptions
    @OptionGroup var replay: ReplayCheckOptions

    func validate() throws {
        let choices = [indices != nil, epoch != nil || batch != nil, iteration.resume != nil].filter { $0 }.count
        if choices > 1 {
            throw ValidationError("give one of --indices, --epoch/--batch and --resume, not several")
        }
        if indices == nil && batch == nil && iteration.resume == nil {
            throw ValidationError(
                "say which samples to write: --indices 3,1,2, --epoch E --batch K or --resume TOKEN")
        }
        if let epoch, epoch < 0 { throw ValidationError("--epoch must be 0 or more, not \(epoch)") }
        if let batch, batch < 0 { throw ValidationError("--batch must be 0 or more, not \(batch)") }
        if let epoch, let epochs = iteration.givenEpochs, epoch >= epochs {
            throw ValidationError(
                "--epoch \(epoch) is past the last epoch of --epochs \(epochs) (epochs count from 0); give an epoch below \(epochs)"
            )
        }
    }

    func run() throws {
        if fileBatches { try iteration.refuseSampleBatchOptionsWithFileBatches() }
        let data = try source.open(path)
        let (batchSource, address, options) = try chooseBatch(data)
        let preprocessor = try pipeline.makePreprocessor(checkReplay: replay.checkReplay)
        let view = try batchSource.preprocessedBatch(
            at: address, options, preprocessor: preprocessor, seed: iteration.seed,
            imageColumn: 0, labelColumn: data.labels == nil ? nil : 1)
        try prepareOutputFolder()
        func file(_ name: String) -> String { (output as NSString).appendingPathComponent(name) }
        try NumpyFile.write(view.raw.columns[0], to: file("images.npy"))
        if data.labels != nil { try NumpyFile.write(view.raw.columns[1], to: file("labels.npy")) }
        try NumpyFile.write(Tensor(view.raw.indices.map(Int64.init)), to: file("indices.npy"))
        if preprocessor != nil { try NumpyFile.write(try view.stackedSliceImages(), to: file("augmented.npy")) }
        FileHandle.standardError.write(Data("wrote \(view.raw.count) samples of \(path) to \(output)\n".utf8))
    }

    /// The files `dump` writes; any left from an earlier dump are removed first, so the folder
    /// never mixes two dumps.
    static let outputFiles = ["images.npy", "labels.npy", "indices.npy", "augmented.npy"]

    /// Creates the output folder, or empties it of earlier dumps' files.
    private func prepareOutputFolder() throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw BatchingError.invalidArgument(
                    "-o \(output) is a file, not a folder; give a folder to write the .npy files into")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                throw BatchingError.invalidArgument(
                    "cannot create the folder \(output) (\(error.localizedDescription)); give a folder you can write to"
                )
            }
        }
        for name in Self.outputFiles {
            let path = (output as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        }
    }

    /// A data source and the address of its batch that holds the chosen samples, in order.
    ///
    /// With `--indices` that is batch 0 of epoch 0 of a source over exactly those samples, so
    /// augmentation is what they would get as the first batch of an unshuffled run.
    private func chooseBatch(_ data: HDF5Source) throws -> (any DataSource, BatchAddress, BatchOptions) {
        let columns = [data.images] + (data.labels.map { [$0] } ?? [])
        if let indices {
            let chosen = try parseIndices(indices, sampleCount: data.sampleCount)
            let source = try ArrayDataSource(columns, indices: chosen)
            return (source, BatchAddress(epoch: 0, batch: 0), BatchOptions(batchSize: max(chosen.count, 1)))
        }
        let source: any DataSource =
            fileBatches
            ? data.fileBatches(scalingImages: false) : try iteration.makeDataSource(columns, for: data, path: path)
        var address = BatchAddress(epoch: epoch ?? 0, batch: batch ?? 0)
        if iteration.resume != nil {
            address = try iteration.runBounds(
                spec: try iteration.samplingSpec(), batchSize: iteration.batchSize, sampleCount: data.sampleCount,
                batchCount: try source.batchCount(iteration.batchOptions)
            ).start
        }
        return (source, address, iteration.batchOptions)
    }

    private func parseIndices(_ text: String, sampleCount: Int) throws -> [Int] {
        let parsed = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parsed != [""] else {
            throw BatchingError.invalidArgument("--indices needs at least one sample index, e.g. --indices 3,1,2")
        }
        let whole = text
        return try parsed.map { text in
            guard let value = Int(text) else {
                throw BatchingError.invalidArgument(
                    text.isEmpty
                        ? "--indices \"\(whole)\" has an empty entry; give whole numbers separated by single commas"
                        : "--indices takes whole numbers separated by commas; \"\(text)\" is not one")
            }
            guard value >= 0 && value < sampleCount else {
                throw BatchingError.indexOutOfRange(index: value, count: sampleCount)
            }
            return value
        }
    }
}
