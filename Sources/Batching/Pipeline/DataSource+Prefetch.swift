extension DataSource {
    /// Batches of `epochs` epochs prepared ahead on `workers` threads, each with its raw columns,
    /// its preprocessed slices and its stage times.
    ///
    /// The output is byte-identical for every number of workers. Raw batch buffers are reused
    /// from a pool when the source can write into them (``BufferReusingDataSource``).
    ///
    /// ```swift
    /// let batches = try source.prefetchedBatches(BatchOptions(batchSize: 128, order: .shuffled(seed: 1)),
    ///                                            workers: 2, buffer: 4, preprocessor: RandomCrop(size: 24))
    /// while let batch = try batches.next() { train(batch.slices[0].images) }
    /// ```
    ///
    /// - Parameters:
    ///   - preprocessor: applied to every batch; `nil` makes the raw images the only slice.
    ///   - seed: the augmentation seed; by default the order's seed, or 0.
    ///   - stats: receives every delivered batch, and reads the pipeline's held bytes.
    ///   - consumerHelps: the calling thread prepares batches too while the one it needs next is
    ///     not ready (see ``PrefetchIterator/init(sequence:workers:buffer:byteCount:onDeliver:trimsHeapAtEpochEnd:maxOutputs:consumerHelps:prepare:)``).
    public func prefetchedBatches(
        _ options: BatchOptions, epochs: Int? = 1,
        startingAt start: BatchAddress = BatchAddress(epoch: 0, batch: 0),
        workers: Int, buffer: Int, preprocessor: (any Preprocessor)? = nil,
        seed: UInt64? = nil, stats: PipelineStatsRecorder? = nil, consumerHelps: Bool = false
    ) throws -> PrefetchIterator<PreprocessedBatch> {
        let sequence = AddressSequence(
            start: start, batchesPerEpoch: try batchCount(options),
            endEpoch: epochs.map { start.epoch + $0 })
        let augmentationSeed = seed ?? options.order.seed ?? 0
        let source = self
        var deliver: (@Sendable (PreprocessedBatch) -> Void)?
        if let stats {
            deliver = { (batch: PreprocessedBatch) in stats.record(batch) }
        }
        let prepare: @Sendable (BatchAddress, inout PreprocessedBatch?) throws -> Void = { address, reused in
            reused = try source.prepareBatch(
                at: address, options, preprocessor: preprocessor,
                seed: augmentationSeed, reusing: &reused)
        }
        let iterator = PrefetchIterator<PreprocessedBatch>(
            sequence: sequence, workers: workers, buffer: buffer,
            byteCount: { $0.byteCount }, onDeliver: deliver, consumerHelps: consumerHelps,
            prepare: prepare)
        if let stats {
            stats.heldBytesProvider = { [weak iterator] in iterator?.heldBytes ?? 0 }
            stats.stageWaitsProvider = { [weak iterator] in iterator?.stageWaits }
        }
        return iterator
    }

    /// One batch as ``prefetchedBatches(_:epochs:startingAt:workers:buffer:preprocessor:seed:stats:)``
    /// prepares it, writing into `reused`'s raw buffers when possible.
    func prepareBatch(
        at address: BatchAddress, _ options: BatchOptions, preprocessor: (any Preprocessor)?,
        seed: UInt64, reusing reused: inout PreprocessedBatch?
    ) throws -> PreprocessedBatch {
        // Keep only the raw buffers, uniquely referenced, so the source can write into them.
        var raw: Batch?
        if reused != nil {
            reused!.slices = []
            raw = reused!.raw
            reused = nil
        }
        return try Self.timedBatch(preprocessor: preprocessor, seed: seed) {
            if let reusing = self as? any BufferReusingDataSource {
                try reusing.batch(at: address, options, reusing: &raw)
                // The source leaves the batch in `raw` (a protocol requirement).
                return raw!
            }
            return try batch(at: address, options)
        }
    }
}

extension PreprocessedBatch {
    /// Bytes held by the raw columns and the slices' tensors, each storage counted once.
    public var byteCount: Int {
        var seen = [ObjectIdentifier]()
        var total = 0
        let tensors = raw.columns + slices.flatMap { [$0.images] + ($0.labels.map { [$0] } ?? []) }
        for tensor in tensors where !seen.contains(ObjectIdentifier(tensor.storage)) {
            seen.append(ObjectIdentifier(tensor.storage))
            total += tensor.byteCount
        }
        return total
    }
}
