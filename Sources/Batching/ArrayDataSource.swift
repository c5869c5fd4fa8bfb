/// Batches drawn from a list of columns that hold one row per sample (BatchUp's
/// `ArrayDataSource`).
///
/// ```swift
/// let x = Tensor(shape: [5, 2], scalars: (0..<10).map(Float.init))
/// let y = Tensor((0..<5).map(Int64.init))
/// let source = try ArrayDataSource([x, y], repeats: 2)
/// var batches = try source.batches(BatchOptions(batchSize: 3))
/// while let batch = try batches.next() { print(batch.indices) }  // [0,1,2] [3,4,0] [1,2,3] [4]
/// ```
public struct ArrayDataSource: DataSource {
    /// The columns, each with one row per sample.
    public let columns: [any BatchColumn]
    /// Where the indices come from.
    public let sampler: any Sampler
    /// Passes per epoch; -1 for endless.
    public let repeats: Int
    /// Whether each batch starts with an `int64` column of its sample indices.
    public let includeIndices: Bool

    /// A source over `columns`.
    ///
    /// - Parameters:
    ///   - indices: a subset of samples to draw from, in the order an unshuffled pass visits them.
    ///   - repeats: passes per epoch, or -1 to repeat endlessly.
    ///   - sampler: where indices come from instead (then `indices` must be `nil`, and `repeats` 1
    ///     for a sampler that draws with replacement).
    ///   - includeIndices: put the sample indices in front of the columns of every batch.
    /// - Throws: ``BatchingError/inconsistentLengths(_:)``, ``BatchingError/invalidRepeats(_:)``,
    ///   ``BatchingError/samplerWithRepeats(_:)``, ``BatchingError/samplerWithIndices``,
    ///   ``BatchingError/indexOutOfRange(index:count:)``.
    public init(
        _ columns: [any BatchColumn], indices: [Int]? = nil, repeats: Int = 1,
        sampler: (any Sampler)? = nil, includeIndices: Bool = false
    ) throws {
        guard let count = columns.first?.rowCount else {
            throw BatchingError.invalidArgument("a data source needs at least one column")
        }
        guard columns.allSatisfy({ $0.rowCount == count }) else {
            throw BatchingError.inconsistentLengths(columns.map(\.rowCount))
        }
        guard repeats >= 1 || repeats == -1 else { throw BatchingError.invalidRepeats(repeats) }
        if let sampler {
            // BatchUp refuses repeats with any sampler; its samplers all draw with replacement.
            // Pass samplers (a subset, a shard) repeat as naturally as the default one does.
            guard repeats == 1 || !sampler.drawsWithReplacement else { throw BatchingError.samplerWithRepeats(repeats) }
            guard indices == nil else { throw BatchingError.samplerWithIndices }
            guard sampler.sampleCount == count else {
                throw BatchingError.invalidArgument(
                    "the sampler draws from \(sampler.sampleCount) samples but the columns hold \(count); build it for the same data"
                )
            }
            self.sampler = sampler
        } else if let indices {
            self.sampler = try SubsetSampler(indices: indices, sampleCount: count)
        } else {
            self.sampler = StandardSampler(count: count)
        }
        self.columns = columns
        self.repeats = repeats
        self.includeIndices = includeIndices
    }

    /// The number of samples each column holds.
    public var sampleCount: Int { columns[0].rowCount }

    /// The index stream under `options`.
    public func plan(_ options: BatchOptions) throws -> BatchPlan {
        try BatchPlan(sampler: sampler, repeats: repeats, options: options)
    }

    /// The rows at `indices` of every column, the index column first when the source has one
    /// (BatchUp's `samples_by_indices_nomapping`, flattened; ``samples(at:mapped:)`` maps too).
    public func gatheredColumns(at indices: [Int]) throws -> [Tensor] {
        try BatchingError.checkIndices(indices, count: sampleCount)
        let gathered = try columns.map { try $0.gatherRows(indices) }
        guard includeIndices else { return gathered }
        return [Tensor(indices.map(Int64.init))] + gathered
    }

    public func batchCount(_ options: BatchOptions) throws -> Int? { try plan(options).batchCount }

    public func batch(at address: BatchAddress, _ options: BatchOptions) throws -> Batch {
        let indices = try plan(options).indices(epoch: address.epoch, batch: address.batch)
        return Batch(address: address, indices: indices, columns: try gatheredColumns(at: indices))
    }

    public func fingerprint(_ options: BatchOptions) throws -> UInt64 {
        _fingerprint("array", try plan(options).fingerprint, UInt64(columns.count), includeIndices ? 1 : 0)
    }
}
