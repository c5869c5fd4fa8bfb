/// A data source whose batches pass through a transform (BatchUp's `ds.map(fn)`), made by
/// ``DataSource/map(_:)``.
public struct MappedDataSource: DataSource {
    /// The source whose batches are transformed.
    public let base: any DataSource
    /// The transform, applied to every batch.
    public let transform: @Sendable (Batch) throws -> Batch

    public init(base: any DataSource, transform: @escaping @Sendable (Batch) throws -> Batch) {
        self.base = base
        self.transform = transform
    }

    public func batchCount(_ options: BatchOptions) throws -> Int? { try base.batchCount(options) }

    public func batch(at address: BatchAddress, _ options: BatchOptions) throws -> Batch {
        try transform(try base.batch(at: address, options))
    }

    public func fingerprint(_ options: BatchOptions) throws -> UInt64 {
        _fingerprint("map", try base.fingerprint(options))
    }
}
