import Foundation

/// One rank's share of another sampler's passes, as PyTorch's `DistributedSampler` splits them.
///
/// Every rank computes the same pass of the base sampler (the same seed gives the same shuffle),
/// pads it by repeating its head up to a multiple of the world size, and takes every
/// `worldSize`-th position starting at its rank; with `dropLast` the tail is dropped instead of
/// padded. The ranks' shares are disjoint and, together, cover the pass.
///
/// ```swift
/// let shard = try ShardedSampler(base: StandardSampler(count: 10), rank: 1, worldSize: 4)
/// try shard.indices(epoch: 0, pass: 0, positions: [0, 1, 2], order: .sequential)  // [1, 5, 9]
/// ```
public struct ShardedSampler: Sampler {
    /// The sampler being split.
    public let base: any Sampler
    /// This process's rank, `0..<worldSize`.
    public let rank: Int
    /// The number of ranks.
    public let worldSize: Int
    /// Whether the tail that does not fill every rank is dropped (true) or padded (false).
    public let dropLast: Bool

    /// This rank's share of `base`.
    ///
    /// - Throws: ``BatchingError/invalidShard(rank:worldSize:)`` unless `0 ≤ rank < worldSize`.
    public init(base: any Sampler, rank: Int, worldSize: Int, dropLast: Bool = false) throws {
        guard worldSize >= 1, worldSize <= Self.largestWorldSize, rank >= 0, rank < worldSize else {
            throw BatchingError.invalidShard(rank: rank, worldSize: worldSize)
        }
        self.base = base
        self.rank = rank
        self.worldSize = worldSize
        self.dropLast = dropLast
    }

    /// The largest world size accepted (2^20 ranks), so that position arithmetic cannot overflow.
    public static let largestWorldSize = 1 << 20

    /// The rank and world size from `RANK` and `WORLD_SIZE`, as torchrun sets them; `(0, 1)` when
    /// they are unset.
    ///
    /// - Throws: ``BatchingError/invalidArgument(_:)`` when a variable is set but not a number, or
    ///   when `RANK` is set without `WORLD_SIZE` (a rank means nothing without the world's size).
    public static func rankAndWorldSizeFromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (rank: Int, worldSize: Int) {
        func read(_ name: String, default value: Int) throws -> Int {
            guard let text = environment[name] else { return value }
            guard let number = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw BatchingError.invalidArgument(
                    "the environment variable \(name) is \"\(text)\"; it must be a whole number")
            }
            return number
        }
        let rank = try read("RANK", default: 0)
        if environment["WORLD_SIZE"] == nil && rank != 0 {
            throw BatchingError.invalidArgument(
                "the environment variable RANK is \(rank) but WORLD_SIZE is not set; set both (as torchrun does), or give --shard RANK/WORLD"
            )
        }
        return (rank, try read("WORLD_SIZE", default: 1))
    }

    public var passLength: Int? {
        guard let length = base.passLength else { return nil }
        return dropLast ? length / worldSize : (length + worldSize - 1) / worldSize
    }

    public var drawsWithReplacement: Bool { base.drawsWithReplacement }
    public var sampleCount: Int { base.sampleCount }

    public func indices(epoch: Int, pass: Int, positions: [Int], order: SampleOrder) throws -> [Int] {
        // Endless drawing samplers have no pass to pad: their positions are simply interleaved.
        let baseLength = base.passLength
        let basePositions = try positions.map { position in
            let (scaled, overflow) = position.multipliedReportingOverflow(by: worldSize)
            guard !overflow, scaled <= Int.max - rank else {
                throw BatchingError.invalidArgument(
                    "position \(position) of shard \(rank)/\(worldSize) is past any data set's end")
            }
            let padded = scaled + rank
            guard let length = baseLength, length > 0 else { return padded }
            return padded % length
        }
        return try base.indices(epoch: epoch, pass: pass, positions: basePositions, order: order)
    }

    public func targetProbabilities() -> [Double] { base.targetProbabilities() }

    public var fingerprint: UInt64 {
        _fingerprint("shard", base.fingerprint, UInt64(rank), UInt64(worldSize), dropLast ? 1 : 0)
    }
}
