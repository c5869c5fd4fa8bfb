/// Which sampler draws a pass's indices: one of ``SamplingSpec``'s choices, written as on the
/// command line (`uniform`, `balanced`, `weights:DATASET`).
///
/// ```swift
/// SamplerChoice("weights:train/weights")   // .weights(dataset: "train/weights")
/// SamplerChoice.balanced.description      // "balanced"
/// ```
public enum SamplerChoice: Hashable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// Every sample once per pass (``StandardSampler``, ``SubsetSampler`` or, with chunk shuffling,
    /// ``ChunkShuffleSampler``).
    case uniform
    /// Class-balancing weights computed from the labels
    /// (``WeightedSampler/classBalancing(labels:drawsPerEpoch:)``).
    case balanced
    /// Per-sample weights read from a dataset of the data (``WeightedSampler``).
    case weights(dataset: String)

    /// The choice written `uniform`, `balanced` or `weights:DATASET`; `nil` for anything else.
    public init?(_ text: String) {
        switch text {
        case "uniform": self = .uniform
        case "balanced": self = .balanced
        default:
            let prefix = "weights:"
            guard text.hasPrefix(prefix), text.count > prefix.count else { return nil }
            self = .weights(dataset: String(text.dropFirst(prefix.count)))
        }
    }

    public var description: String {
        switch self {
        case .uniform: "uniform"
        case .balanced: "balanced"
        case .weights(let dataset): "weights:\(dataset)"
        }
    }

    /// The spellings ``init(_:)`` accepts, for help texts.
    public static let spellings = ["uniform", "balanced", "weights:DATASET"]

    /// Whether the sampler draws with replacement, and so needs shuffling on.
    public var drawsWithReplacement: Bool { self != .uniform }
}

/// How a pass orders its samples: one of ``SamplingSpec``'s choices.
public enum ShuffleChoice: String, CaseIterable, Hashable, Sendable {
    /// In index order.
    case off
    /// An exact uniform permutation of every pass.
    case exact
    /// Whole chunks shuffled, then samples within a window of chunks (``ChunkShuffleSampler``):
    /// fast on compressed, chunked files.
    case chunks
}

/// One rank's share of a distributed run: rank `rank` of `worldSize` (``ShardedSampler``).
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    public var rank: Int
    public var worldSize: Int

    /// Rank `rank` of `worldSize`; ``ShardedSampler`` checks that `0 ≤ rank < worldSize`.
    public init(rank: Int, worldSize: Int) {
        self.rank = rank
        self.worldSize = worldSize
    }

    /// The whole data: rank 0 of 1.
    public static let whole = Shard(rank: 0, worldSize: 1)

    /// The shard written `RANK/WORLD`, such as `1/4`; `nil` for anything else.
    public init?(_ text: String) {
        let numbers = text.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
        guard numbers.count == 2, let rank = numbers[0], let worldSize = numbers[1] else { return nil }
        self.init(rank: rank, worldSize: worldSize)
    }

    public var description: String { "\(rank)/\(worldSize)" }
}
