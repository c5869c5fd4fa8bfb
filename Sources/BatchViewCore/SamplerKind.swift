import Batching

/// Which sampler draws the inspector's batches; the `b` key cycles through them.
public enum SamplerKind: Hashable, Sendable, CustomStringConvertible {
    /// Every sample once per pass (``StandardSampler``, or a ``SubsetSampler`` over a subset).
    case uniform
    /// Class-balancing weights from the labels (``WeightedSampler/classBalancing(labels:drawsPerEpoch:)``).
    case balanced
    /// Weights read from a dataset of the file.
    case weights(String)

    public var description: String {
        switch self {
        case .uniform: "uniform"
        case .balanced: "balanced"
        case .weights(let name): "weights:\(name)"
        }
    }

    /// Whether the sampler draws with replacement (and so needs shuffling on).
    public var draws: Bool { self != .uniform }
}

/// Everything that decides which samples each batch holds.
///
/// ```swift
/// var configuration = InspectorConfiguration(batchSize: 32, shuffle: true, seed: 7)
/// configuration.sampler = .balanced
/// ```
public struct InspectorConfiguration: Hashable, Sendable {
    public var batchSize: Int
    public var shuffle: Bool
    public var seed: UInt64
    public var sampler: SamplerKind
    /// Passes per epoch (uniform sampler only).
    public var repeats: Int
    public var dropLast: Bool
    /// Use only these samples.
    public var subset: Range<Int>?
    /// The number of epochs (`--epochs`); `nil` for no end. `n`, `N`, `g` and `r` stop at the last.
    public var epochs: Int?
    /// This rank's share of the samples (`--shard RANK/WORLD`): rank `shardRank` of `shardCount`.
    public var shardRank: Int
    public var shardCount: Int

    public init(
        batchSize: Int = 64, shuffle: Bool = true, seed: UInt64 = 12345, sampler: SamplerKind = .uniform,
        repeats: Int = 1, dropLast: Bool = false, subset: Range<Int>? = nil, epochs: Int? = nil,
        shardRank: Int = 0, shardCount: Int = 1
    ) {
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.seed = seed
        self.sampler = sampler
        self.repeats = repeats
        self.dropLast = dropLast
        self.subset = subset
        self.epochs = epochs
        self.shardRank = shardRank
        self.shardCount = shardCount
    }

    /// Batch size, order and short-batch handling as ``BatchOptions``.
    public var batchOptions: BatchOptions {
        BatchOptions(batchSize: batchSize, order: shuffle ? .shuffled(seed: seed) : .sequential, dropLast: dropLast)
    }
}
