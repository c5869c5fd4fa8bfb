import Batching

/// The library's prefetch pipeline feeding the inspector while it runs (`r`): batches prepared
/// ahead on worker threads (read, decode, every preprocessor slice), shown one slice at a time,
/// with the pipeline's own stage times.
final class PipelineRun {
    private let iterator: PrefetchIterator<PreprocessedBatch>
    private var pending: PreprocessedBatch?
    private var nextSlice = 0
    private var waitsWindow = StageWaitsWindow()

    /// Starts the pipeline at `start`, without end, with `workers` threads and `buffer` batches
    /// prepared ahead.
    init(
        source: any DataSource, options: BatchOptions, start: BatchAddress, preprocessing: InspectedPreprocessing?,
        workers: Int = 2, buffer: Int = 4
    ) throws {
        iterator = try source.prefetchedBatches(
            options, epochs: nil, startingAt: start, workers: workers, buffer: buffer,
            preprocessor: preprocessing?.preprocessor,
            seed: preprocessing?.preprocessor == nil ? nil : preprocessing?.seed)
    }

    /// Bytes the pipeline holds in batches prepared ahead.
    var heldBytes: Int { iterator.heldBytes }

    /// Where the pipeline's threads spent the last few seconds (`w`).
    func stageWaitsReading() -> StageWaitsReading { waitsWindow.reading(iterator.stageWaits) }

    /// The next slice to show, as a ``LoadedBatch``; `nil` when the pipeline has ended.
    /// `finishedAt` stamps batches that are new (the first slice of each).
    func next(preprocessed hasPreprocessor: Bool, finishedAt: UInt64) throws -> LoadedBatch? {
        let batch: PreprocessedBatch
        if let pending, nextSlice < pending.slices.count {
            batch = pending
        } else {
            guard let fresh = try iterator.next() else { return nil }
            batch = fresh
            pending = fresh
            nextSlice = 0
            waitsWindow.add(fresh.times)
        }
        let index = nextSlice
        nextSlice += 1
        let raw = batch.raw
        let images = raw.columns[0]
        let slice =
            hasPreprocessor && index < batch.slices.count
            ? PreprocessedSlice(batch.slices[index], rawImages: images) : nil
        // The pipeline's stage times as they are; later slices of the batch cost nothing more.
        var timing = BatchTiming(
            samples: index == 0 ? raw.count : 0, stages: index == 0 ? batch.times : StageTimes(),
            finishedAt: finishedAt)
        timing.chunkLookups = batch.chunkLookups
        return LoadedBatch(
            address: raw.address, slice: index, sliceCount: max(batch.slices.count, 1), indices: raw.indices,
            images: images, labelTensor: raw.columns.count > 1 ? raw.columns[1] : nil,
            preprocessed: slice, timing: timing)
    }

    deinit { iterator.close() }
}
