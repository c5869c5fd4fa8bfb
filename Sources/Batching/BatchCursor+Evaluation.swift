extension BatchCursor {
    /// Applies `body` to the iterator's next batches and joins its results along the first axis
    /// (BatchUp's `batch_map_concat(func, batch_iter, n_batches=…)`).
    ///
    /// The progress total is the number of batches left when known (a forward-only source's is
    /// not, unless `maxBatches` gives it).
    ///
    /// The iterator moves on by the batches consumed, so calling this repeatedly with
    /// `maxBatches: 2` on one iterator gives the results of batches 0–1, then 2–3, and so on.
    ///
    /// ```swift
    /// var batches = try testSource.batches(BatchOptions(batchSize: 5))
    /// let firstTen = try batches.batchMapConcat(maxBatches: 2) { [square($0.columns[0])] }
    /// let nextTen = try batches.batchMapConcat(maxBatches: 2) { [square($0.columns[0])] }
    /// ```
    ///
    /// - Parameters:
    ///   - maxBatches: stop after this many batches; needed when the iterator never ends.
    ///   - progress: called after every batch with the batches done and the total.
    /// - Returns: one tensor per result of `body`; an empty array when no batch was left.
    /// - Throws: ``BatchingError/invalidArgument(_:)`` for an endless iterator without
    ///   `maxBatches` or results that change in number, and whatever `body` or the source throws.
    public mutating func batchMapConcat(
        maxBatches: Int? = nil, progress: BatchProgress? = nil, _ body: (Batch) throws -> [Tensor]
    ) throws -> [Tensor] {
        var parts = [[Tensor]]()
        try forEachBatch(maxBatches: maxBatches, progress: progress) { batch in
            let results = try body(batch)
            try Self.checkResultCount(results.count, parts.first?.count, batch: batch, what: "results")
            parts.append(results)
        }
        guard let first = parts.first else { return [] }
        return try first.indices.map { column in try Tensor.concatenating(parts.map { $0[column] }) }
    }

    /// Applies `body`, which returns per-batch *sums*, to the iterator's next batches and
    /// returns each sum divided by the number of samples seen (BatchUp's `batch_map_mean`); the
    /// iterator moves on as with ``batchMapConcat(maxBatches:progress:_:)``.
    ///
    /// - Returns: one mean per result of `body`; an empty array when no sample was left.
    public mutating func batchMapMean(
        maxBatches: Int? = nil, progress: BatchProgress? = nil, _ body: (Batch) throws -> [Double]
    ) throws -> [Double] {
        var sums: [Double]?
        var samples = 0
        try forEachBatch(maxBatches: maxBatches, progress: progress) { batch in
            let results = try body(batch)
            try Self.checkResultCount(results.count, sums?.count, batch: batch, what: "sums")
            sums = zip(sums ?? Array(repeating: 0, count: results.count), results).map { $0 + $1 }
            samples += batch.count
        }
        guard let sums, samples > 0 else { return [] }
        return sums.map { $0 / Double(samples) }
    }

    private mutating func forEachBatch(
        maxBatches: Int?, progress: BatchProgress?, _ body: (Batch) throws -> Void
    ) throws {
        guard endsByItself || maxBatches != nil else {
            throw BatchingError.invalidArgument(
                "the batches never end (repeats -1, an endless sampler or no last epoch), so give maxBatches to say where to stop"
            )
        }
        let total = [remainingBatches, maxBatches].compactMap { $0 }.min()
        var done = 0
        while total.map({ done < $0 }) ?? true, let batch = try next() {
            try body(batch)
            done += 1
            progress?(done, total)
        }
    }

    private static func checkResultCount(_ count: Int, _ earlier: Int?, batch: Batch, what: String) throws {
        guard let earlier, earlier != count else { return }
        throw BatchingError.invalidArgument(
            "the mapped function returned \(count) \(what) for batch \(batch.address.batch) but \(earlier) before")
    }
}
