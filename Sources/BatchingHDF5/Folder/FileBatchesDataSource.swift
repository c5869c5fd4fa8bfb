import Batching

/// The Kaggle notebook's feeder as a ``DataSource``: batch *k* of every epoch is batch file
/// *k*, read whole, and epochs cycle over the files without end.
///
/// Unlike the notebook (which grew until `gc.collect()`), nothing is kept between batches: each
/// batch is read when asked for, into the buffers of a batch the consumer is done with when the
/// prefetch pipeline hands one back, so memory stays at the batches in flight. With
/// `threadsPerFile` above 1, a file is read (and converted) in parts on that many threads. The
/// batch size of ``BatchOptions`` is ignored (a file is a batch); `.shuffled(seed:)` permutes the
/// order of the files in every epoch; `dropLast` has no effect. Batch indices are global
/// sample indices (file *k*'s rows follow the rows of the files before it).
///
/// ```swift
/// let source = try HDF5Source.open("contents/train").fileBatches()
/// var batches = try source.batches(BatchOptions(batchSize: 1), epochs: nil)   // endless
/// let first = try batches.next()!   // [images / 255 as float32, labels] of batch_0.h5
///
/// let prefetched = try HDF5Source.open("contents/train").fileBatches(threadsPerFile: 2)
///     .prefetchedBatches(BatchOptions(batchSize: 1), epochs: 10, workers: 1, buffer: 1)
/// while let batch = try prefetched.next() { train(batch.raw.columns[0]) }
/// ```
public struct FileBatchesDataSource: BufferReusingDataSource {
    /// Each file's columns: images, and labels when present.
    public let files: [(images: HDF5Column, labels: (any BatchColumn)?)]
    /// Whether images are converted to float32 (uint8 scaled into [0, 1]) as the feeder does.
    public let scalesImages: Bool
    /// Threads that read (and convert) parts of one file at once. A file is one large batch, so
    /// splitting it uses every core on one batch and holds one file in memory, where a worker per
    /// file would hold one per worker.
    public let threadsPerFile: Int
    /// Per file: the step, epoch and sample indices a training loop recorded with it (the root
    /// attributes `batchview.Recorder` writes), or `nil` for a file without them.
    public let recorded: [RecordedBatch?]
    private let offsets: [Int]
    /// The buffers each part of a file is read into before its conversion, reused batch after batch.
    let scratch = ReadScratch()

    /// A source over per-file columns; `recorded` is empty or has one entry per file.
    public init(
        files: [(images: HDF5Column, labels: (any BatchColumn)?)], scalesImages: Bool = true, threadsPerFile: Int = 1,
        recorded: [RecordedBatch?] = []
    ) {
        precondition(recorded.isEmpty || recorded.count == files.count, "one recording per file")
        self.files = files
        self.recorded = recorded.isEmpty ? Array(repeating: nil, count: files.count) : recorded
        self.scalesImages = scalesImages
        self.threadsPerFile = max(1, threadsPerFile)
        self.offsets = files.reduce(into: [0]) { offsets, file in
            offsets.append(offsets[offsets.count - 1] + file.images.rowCount)
        }
    }

    /// One batch per file, every epoch.
    public func batchCount(_ options: BatchOptions) throws -> Int? { files.count }

    /// The file that holds batch `batch` of `epoch`.
    public func fileIndex(epoch: Int, batch: Int, _ options: BatchOptions) throws -> Int {
        guard epoch >= 0, batch >= 0, batch < files.count else {
            throw BatchingError.addressOutOfRange(epoch: epoch, batch: batch, batchCount: files.count)
        }
        return try StandardSampler(count: files.count).indices(
            epoch: epoch, pass: 0, positions: [batch], order: options.order)[0]
    }

    public func batch(at address: BatchAddress, _ options: BatchOptions) throws -> Batch {
        var batch: Batch?
        try self.batch(at: address, options, reusing: &batch)
        return batch! // set by every call of batch(at:_:reusing:) that returns
    }

    /// The batch at `address`, read into the tensors of `buffers` when they fit (the pipeline's
    /// pool hands back used batches: a whole file is tens of megabytes, so reusing its buffers
    /// saves the page faults of fresh ones).
    public func batch(at address: BatchAddress, _ options: BatchOptions, reusing buffers: inout Batch?) throws {
        let index = try fileIndex(epoch: address.epoch, batch: address.batch, options)
        let file = files[index]
        let expectedColumns = file.labels == nil ? 1 : 2
        var columns = buffers.take().map(\.columns) ?? []
        if columns.count != expectedColumns {
            columns = Array(repeating: Tensor(zeros: .uint8, shape: [0]), count: expectedColumns)
        }
        if scalesImages {
            try file.images.readAllAsFloat32(into: &columns[0], threads: threadsPerFile, scratch: scratch)
        } else {
            try file.images.readAll(into: &columns[0], threads: threadsPerFile)
        }
        if let labels = file.labels as? HDF5Column {
            try labels.readAll(into: &columns[1])
        } else if let labels = file.labels {
            columns[1] = try labels.gatherRows(Array(0..<labels.rowCount)) // text labels, held in memory
        }
        buffers = Batch(address: address, indices: Array(offsets[index]..<offsets[index + 1]), columns: columns)
    }

    public func fingerprint(_ options: BatchOptions) throws -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        let values =
            [UInt64(files.count), scalesImages ? 1 : 0, options.order.seed ?? 0, options.order.seed == nil ? 0 : 1]
            + offsets.map { UInt64($0) }
        for value in values { hash = (hash ^ value) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
