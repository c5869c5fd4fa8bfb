import Batching

/// Everything that decides which samples each of the inspector's batches holds: the batch size,
/// the ``SamplingSpec`` (the very value `batchview order` builds from the same flags) and the
/// number of epochs.
///
/// ```swift
/// let configuration = InspectorConfiguration(
///     batchSize: 32, sampling: SamplingSpec(sampler: .balanced, shuffle: .exact, seed: 7), epochs: 3)
/// ```
public struct InspectorConfiguration: Hashable, Sendable {
    public var batchSize: Int
    /// The sampler, shuffle, seed, subset, shard, repeats and short-batch handling.
    public var sampling: SamplingSpec
    /// The number of epochs (`--epochs`); `nil` for no end. `n`, `N`, `g` and `r` stop at the last.
    public var epochs: Int?

    /// Batches of `batchSize` samples chosen as `sampling` says.
    public init(batchSize: Int = 64, sampling: SamplingSpec, epochs: Int? = nil) {
        self.batchSize = batchSize
        self.sampling = sampling
        self.epochs = epochs
    }

    /// Batches of `batchSize` samples, shuffled exactly (or in order) with `seed`, drawn by
    /// `sampler`, from rank `shardRank` of `shardCount`.
    public init(
        batchSize: Int = 64, shuffle: Bool = true, seed: UInt64 = 12345, sampler: SamplerChoice = .uniform,
        repeats: Int = 1, dropLast: Bool = false, subset: Range<Int>? = nil, epochs: Int? = nil,
        shardRank: Int = 0, shardCount: Int = 1
    ) {
        let sampling = SamplingSpec(
            sampler: sampler, shuffle: shuffle ? .exact : .off, seed: seed, subset: subset,
            shard: Shard(rank: shardRank, worldSize: shardCount), repeats: repeats, dropLast: dropLast)
        self.init(batchSize: batchSize, sampling: sampling, epochs: epochs)
    }

    /// Which sampler draws the indices.
    public var sampler: SamplerChoice { sampling.sampler }

    /// Whether the samples are shuffled (exactly or by chunks).
    public var shuffle: Bool { sampling.shuffle != .off }

    /// Batch size, order and short-batch handling as ``BatchOptions``.
    public var batchOptions: BatchOptions { sampling.batchOptions(batchSize: batchSize) }
}
