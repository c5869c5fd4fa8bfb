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
        var parts = [[Tensor]]()
        try forEachBatch(options, epoch: epoch, maxBatches: maxBatches, progress: progress) { batch in
            let results = try body(batch)
            if let first = parts.first, first.count != results.count {
                throw BatchingError.invalidArgument(
                    "the mapped function returned \(results.count) results for batch \(batch.address.batch) but \(first.count) before"
                )
            }
            parts.append(results)
        }
        guard let first = parts.first else { return [] }
        return try first.indices.map { column in try Tensor.concatenating(parts.map { $0[column] }) }
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
        var sums = [Double]()
        var samples = 0
        try forEachBatch(options, epoch: epoch, maxBatches: maxBatches, progress: progress) { batch in
            let results = try body(batch)
            if samples == 0 && sums.isEmpty {
                sums = results
            } else if results.count != sums.count {
                throw BatchingError.invalidArgument(
                    "the mapped function returned \(results.count) sums for batch \(batch.address.batch) but \(sums.count) before"
                )
            } else {
                for i in results.indices { sums[i] += results[i] }
            }
            samples += batch.count
        }
        guard samples > 0 else { return [] }
        return sums.map { $0 / Double(samples) }
    }

    private func forEachBatch(
        _ options: BatchOptions, epoch: Int, maxBatches: Int?, progress: BatchProgress?,
        _ body: (Batch) throws -> Void
    ) throws {
        let count = try batchCount(options)
        guard count != nil || maxBatches != nil else {
            throw BatchingError.invalidArgument(
                "the epoch never ends (repeats -1 or an endless sampler), so give maxBatches to say where to stop")
        }
        let total = [count, maxBatches].compactMap { $0 }.min()!
        for batch in 0..<total {
            try body(try self.batch(at: BatchAddress(epoch: epoch, batch: batch), options))
            progress?(batch + 1, total)
        }
    }
}
