/// Something batches can be drawn from, addressably: the batch at any (epoch, batch) is computed
/// directly from the configuration, whatever was read before.
///
/// ``ArrayDataSource``, ``CompositeDataSource`` and ``MappedDataSource`` are data sources; so is
/// anything a caller writes that answers these three questions.
public protocol DataSource: Sendable {
    /// The number of batches in one epoch under `options`, or `nil` when an epoch never ends.
    func batchCount(_ options: BatchOptions) throws -> Int?

    /// The batch at `address` under `options`.
    func batch(at address: BatchAddress, _ options: BatchOptions) throws -> Batch

    /// A number that changes whenever the source would produce other batches under `options`;
    /// resume tokens carry it to refuse a resume into another configuration.
    func fingerprint(_ options: BatchOptions) throws -> UInt64

    /// The number of samples one epoch under `options` holds (BatchUp's `num_samples()`):
    /// finite, infinite for an endless epoch, or unknown. Sources that cannot tell answer
    /// ``SampleCount/unknown``, the default.
    func sampleCount(_ options: BatchOptions) throws -> SampleCount
}

extension DataSource {
    /// An iterator over the batches of `epochs` epochs (`nil`: without end), starting at `start`.
    ///
    /// ```swift
    /// var batches = try source.batches(BatchOptions(batchSize: 64, order: .shuffled(seed: 12345)))
    /// while let batch = try batches.next() { _ = batch.columns }
    /// ```
    public func batches(
        _ options: BatchOptions, epochs: Int? = 1,
        startingAt start: BatchAddress = BatchAddress(epoch: 0, batch: 0)
    ) throws -> BatchIterator {
        try BatchIterator(source: self, options: options, endEpoch: epochs.map { start.epoch + $0 }, start: start)
    }

    /// An iterator that continues exactly where the iterator that made `token` stopped.
    ///
    /// - Throws: ``BatchingError/invalidResumeToken(_:)`` when the token was made under another
    ///   configuration.
    public func batches(_ options: BatchOptions, resumingFrom token: ResumeToken, epochs: Int? = nil) throws
        -> BatchIterator
    {
        guard token.fingerprint == (try fingerprint(options)) else {
            throw BatchingError.invalidResumeToken("it was made for another data source or other batch options")
        }
        return try BatchIterator(
            source: self, options: options, endEpoch: token.endEpoch ?? epochs, start: token.address)
    }

    /// The source with `transform` applied to every batch (BatchUp's `map`), for augmentation.
    ///
    /// The transform receives the batch's address and indices, so random augmentation can key a
    /// ``CounterRandom`` on them and replay exactly.
    public func map(_ transform: @escaping @Sendable (Batch) throws -> Batch) -> MappedDataSource {
        MappedDataSource(base: self, transform: transform)
    }
}
