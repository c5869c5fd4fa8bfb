/// Progress of a whole-dataset pass: batches done so far and the total, when known.
public typealias BatchProgress = @Sendable (_ done: Int, _ total: Int?) -> Void

extension DataSource {
    /// Applies `body` to every batch of one epoch and joins its results along the first axis
    /// (BatchUp's `batch_map_concat`): predictions for a whole test set in one line.
    ///
    /// ```swift
    /// let (predictions) = try testSource.batchMapConcat(BatchOptions(batchSize: 256)) { batch in
    ///     [model.predict(batch.columns[0])]
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - maxBatches: stop after this many batches (needed for an endless epoch).
    ///   - progress: called after every batch.
    /// - Returns: one tensor per result of `body`; an empty array when the epoch has no batches
    ///   (BatchUp returns nothing at all there).
    /// - Throws: ``BatchingError/invalidArgument(_:)`` for an endless epoch without `maxBatches`,
    ///   and whatever `body` or the source throws.
    public func batchMapConcat(
        _ options: BatchOptions, epoch: Int = 0, maxBatches: Int? = nil,
        progress: BatchProgress? = nil,
        _ body: (Batch) throws -> [Tensor]
    ) throws -> [Tensor] {
        var iterator = try epochIterator(options, epoch: epoch)
        return try iterator.batchMapConcat(maxBatches: maxBatches, progress: progress, body)
    }

    /// Applies `body`, which returns per-batch *sums* (say, the summed loss and the error count),
    /// to every batch of one epoch and returns each sum divided by the number of samples (BatchUp's
    /// `batch_map_mean`).
    ///
    /// ```swift
    /// let means = try validation.batchMapMean(BatchOptions(batchSize: 256)) { batch in
    ///     [lossSum(batch), errorCount(batch)]
    /// }
    /// ```
    ///
    /// - Returns: one mean per result of `body`; an empty array when the epoch has no samples.
    public func batchMapMean(
        _ options: BatchOptions, epoch: Int = 0, maxBatches: Int? = nil,
        progress: BatchProgress? = nil,
        _ body: (Batch) throws -> [Double]
    ) throws -> [Double] {
        var iterator = try epochIterator(options, epoch: epoch)
        return try iterator.batchMapMean(maxBatches: maxBatches, progress: progress, body)
    }

    /// An iterator over epoch `epoch` alone.
    private func epochIterator(_ options: BatchOptions, epoch: Int) throws -> BatchIterator {
        try batches(options, epochs: 1, startingAt: BatchAddress(epoch: epoch, batch: 0))
    }
}
