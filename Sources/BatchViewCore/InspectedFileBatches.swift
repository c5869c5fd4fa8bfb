import Batching

/// A folder of batch files stepped through one file per batch, as the Kaggle notebook feeds
/// them (`batchview DIR --file-batches`): batch *k* of epoch *e* is the file ``fileIndex``
/// picks — file *k* in order, or a permutation of the files per epoch with shuffle on.
///
/// The inspector reads batches from ``source`` and uses ``fileIndex`` only to say which file a
/// batch is and which samples it holds, so the two must agree (the executable hands it a
/// `FileBatchesDataSource` and that source's own `fileIndex(epoch:batch:_:)`). A file's rows are
/// the global samples that follow the rows of the files before it.
///
/// ```swift
/// let files = InspectedFileBatches(fileNames: ["batch_0.h5", "batch_1.h5"], rowCounts: [50, 48],
///                                  source: source, fileIndex: { address, options in address.batch })
/// files.samples(ofFile: 1)   // 50..<98
/// ```
public struct InspectedFileBatches: Sendable {
    /// Each file's name, as the header shows it.
    public let fileNames: [String]
    /// Each file's number of rows (samples).
    public let rowCounts: [Int]
    /// Reads a whole file as one batch; its indices are global sample indices.
    public let source: any DataSource
    /// The file that holds the batch at an address under the given options.
    public let fileIndex: @Sendable (BatchAddress, BatchOptions) throws -> Int
    /// Where each file's rows start among all samples (one more entry: the total).
    public let offsets: [Int]
    /// Per file: the training step, epoch and original sample indices recorded with it (a
    /// folder written by `batchview.Recorder`); empty when nothing was recorded.
    public var recorded: [RecordedBatch?] = []

    /// File batches over `fileNames` with `rowCounts` rows each.
    public init(
        fileNames: [String], rowCounts: [Int], source: any DataSource,
        fileIndex: @escaping @Sendable (BatchAddress, BatchOptions) throws -> Int
    ) {
        precondition(fileNames.count == rowCounts.count, "one row count per file")
        self.fileNames = fileNames
        self.rowCounts = rowCounts
        self.source = source
        self.fileIndex = fileIndex
        var offsets = [0]
        var total = 0
        for count in rowCounts {
            total += count
            offsets.append(total)
        }
        self.offsets = offsets
    }

    /// The number of files: the batches of every epoch.
    public var fileCount: Int { fileNames.count }

    /// The global sample indices file `file` holds.
    public func samples(ofFile file: Int) -> Range<Int> { offsets[file]..<offsets[file + 1] }

    /// What was recorded with file `file`, if anything.
    public func recording(ofFile file: Int) -> RecordedBatch? {
        recorded.indices.contains(file) ? recorded[file] : nil
    }

    /// The first file recorded at training step `step`.
    public func file(recordedAtStep step: Int) -> Int? {
        recorded.firstIndex { $0?.step == step }
    }

    /// Whether any file carries a recorded step.
    public var hasRecordedSteps: Bool { recorded.contains { $0?.step != nil } }

    /// The most rows any file holds.
    public var largestFile: Int { rowCounts.max() ?? 0 }
}
