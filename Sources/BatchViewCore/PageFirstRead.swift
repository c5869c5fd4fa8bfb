import Batching

/// The page on screen of a large batch, read before the rest of it: a key that lands on a
/// batch whose whole read is not finished (a 52 MB file of `--file-batches`, keys pressed back
/// to back) draws the rows on screen, read alone from the dataset's images column — the stored
/// bytes the whole read gives those rows, with the same type — while the whole batch is read in
/// the background. The session then shows the whole batch without a key
/// (``InspectorSession/pollBackgroundWork()``); until it does, what needs every row (the NaN scan
/// of the other pages, the batch's read and decode times) shows as pending.
///
/// Only a batch whose samples are known without reading it (a plan's batch or a whole file,
/// not a forward-only source's), shown raw (no preprocessor: a preprocessing needs the whole
/// batch) and at least ``InspectorEnvironment/pageFirstBytes`` of images is read page first;
/// its labels, a few bytes a row, are read whole, so the class balance is drawn at once.
///
/// ```swift
/// let page = try PageFirstRead.batch(at: address, indices: Array(0..<192), rows: 0..<16, dataset: dataset, finishedAt: 0)
/// page.isWhole               // false
/// page.holdsImage(row: 15)   // true
/// ```
enum PageFirstRead {
    /// The most label bytes a batch read page first has: its labels are read whole with the page.
    static let labelByteLimit = 1 << 20

    /// Whether the batch of samples `indices` of `dataset` is read page first, given the least
    /// image bytes that makes it worth it.
    static func applies(indices: [Int], dataset: InspectedDataset, minimumBytes: Int) -> Bool {
        guard dataset.preprocessing == nil, dataset.forwardOnly == nil, !indices.isEmpty else { return false }
        // In floating point: a hostile file's row shape must not overflow the estimate.
        func bytes(_ column: any BatchColumn) -> Double {
            Double(indices.count) * column.rowShape.reduce(1.0) { $0 * Double($1) } * Double(column.dtype.byteWidth)
        }
        let labelBytes = dataset.labels.map(bytes) ?? 0
        return bytes(dataset.images) >= Double(minimumBytes) && labelBytes <= Double(labelByteLimit)
    }

    /// The batch of samples `indices` at `address`, holding the images of `rows` (clamped to the
    /// batch) and every label; the images are read into the tensor `spare` gives for their
    /// shape, if any (a page is megabytes: fresh memory costs page faults, and freeing it a trip
    /// through the address space's lock, which the whole reads' page faults hold).
    static func batch(
        at address: BatchAddress, indices: [Int], rows: Range<Int>, dataset: InspectedDataset, finishedAt: UInt64,
        spare: (_ shape: [Int]) -> Tensor? = { _ in nil }
    ) throws -> LoadedBatch {
        try batch(
            at: address, indices: indices, rows: rows, labels: try dataset.labels?.gatherRows(indices),
            dataset: dataset, finishedAt: finishedAt, spare: spare)
    }

    /// `batch` (read page first) holding the images of `rows` instead: another page on screen
    /// before the whole batch is read.
    static func page(_ rows: Range<Int>, of batch: LoadedBatch, dataset: InspectedDataset) throws -> LoadedBatch {
        try Self.batch(
            at: batch.address, indices: batch.indices, rows: rows, labels: batch.labelTensor, dataset: dataset,
            finishedAt: batch.timing.finishedAt)
    }

    private static func batch(
        at address: BatchAddress, indices: [Int], rows: Range<Int>, labels: Tensor?, dataset: InspectedDataset,
        finishedAt: UInt64, spare: (_ shape: [Int]) -> Tensor? = { _ in nil }
    ) throws -> LoadedBatch {
        let rows = rows.clamped(to: 0..<indices.count)
        let column = dataset.images
        let images: Tensor
        if var reused = spare([rows.count] + column.rowShape), reused.dtype == column.dtype {
            try column.gatherRows(Array(indices[rows]), into: &reused)
            images = reused
        } else {
            images = try column.gatherRows(Array(indices[rows]))
        }
        return LoadedBatch(
            address: address, slice: 0, sliceCount: 1, indices: indices, images: images, labelTensor: labels,
            preprocessed: nil,
            timing: BatchTiming(samples: indices.count, stages: StageTimes(), finishedAt: finishedAt),
            imageRows: rows)
    }
}
