/// A forward-only source whose batches come from a closure that returns a fresh batch iterator
/// for every epoch (BatchUp's `CallableDataSource`).
///
/// The closure receives the options (batch size, order and seed) and the epoch, so it can cut
/// and shuffle as asked, and differently each epoch.
///
/// ```swift
/// let generated = CallableDataSource(sampleCount: .finite(45)) { options, epoch in
///     SequentialBatchStream(stride(from: 0, to: 45, by: options.batchSize).map { start in
///         [Tensor((start..<min(start + options.batchSize, 45)).map(Int64.init))]
///     }.makeIterator())
/// }
/// ```
public struct CallableDataSource: SequentialDataSource {
    /// Makes the batch iterator of one epoch.
    public typealias MakeBatches = @Sendable (_ options: BatchOptions, _ epoch: Int) throws -> SequentialBatchStream

    private let makeBatches: MakeBatches
    private let count: @Sendable (BatchOptions) throws -> SampleCount

    /// A source over `makeBatches`, holding `sampleCount` samples per epoch (BatchUp's literal
    /// `num_samples_fn`).
    public init(sampleCount: SampleCount = .unknown, _ makeBatches: @escaping MakeBatches) {
        self.makeBatches = makeBatches
        count = { _ in sampleCount }
    }

    /// A source over `makeBatches` whose sample count `sampleCount` computes from the options
    /// (BatchUp's callable `num_samples_fn`).
    public init(
        sampleCount: @escaping @Sendable (BatchOptions) throws -> SampleCount, _ makeBatches: @escaping MakeBatches
    ) {
        self.makeBatches = makeBatches
        count = sampleCount
    }

    public func sampleCount(_ options: BatchOptions) throws -> SampleCount { try count(options) }

    public func makeBatchStream(_ options: BatchOptions, epoch: Int) throws -> SequentialBatchStream {
        try makeBatches(options, epoch)
    }
}
