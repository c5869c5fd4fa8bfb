import ArgumentParser
import Batching

/// How samples are ordered within a pass, as chosen on the command line.
enum ShuffleChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// In index order.
    case off
    /// An exact uniform permutation of every pass.
    case exact
    /// Shuffle whole chunks, then samples within a window of chunks (fast on compressed files).
    case chunks
}

/// Which sampler draws the indices, as chosen on the command line.
enum SamplerChoice: Equatable, Sendable, ExpressibleByArgument, CustomStringConvertible {
    /// Every sample once per pass.
    case uniform
    /// Class-balancing weights computed from the labels.
    case balanced
    /// Weights read from a dataset of the file.
    case weights(dataset: String)

    init?(argument: String) {
        switch argument {
        case "uniform": self = .uniform
        case "balanced": self = .balanced
        default:
            guard argument.hasPrefix("weights:"), argument.count > "weights:".count else { return nil }
            self = .weights(dataset: String(argument.dropFirst("weights:".count)))
        }
    }

    var description: String {
        switch self {
        case .uniform: "uniform"
        case .balanced: "balanced"
        case .weights(let dataset): "weights:\(dataset)"
        }
    }

    static var allValueStrings: [String] { ["uniform", "balanced", "weights:DATASET"] }
}

/// A contiguous range of sample indices, written `START:END` (END exclusive).
struct SubsetRange: ExpressibleByArgument, Sendable, Equatable {
    /// START and END as written; ``IterationOptions/validate()`` checks them.
    var bounds: (start: Int, end: Int)

    /// The indices START..<END.
    var range: Range<Int> { bounds.start..<bounds.end }

    static func == (lhs: SubsetRange, rhs: SubsetRange) -> Bool { lhs.bounds == rhs.bounds }

    init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]) else { return nil }
        bounds = (start, end)
    }
}

/// One rank of a sharded run, written `RANK/WORLD`.
struct ShardChoice: ExpressibleByArgument, Sendable, Equatable {
    var rank: Int
    var worldSize: Int

    init(rank: Int, worldSize: Int) {
        self.rank = rank
        self.worldSize = worldSize
    }

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let rank = Int(parts[0]), let world = Int(parts[1]) else { return nil }
        self.init(rank: rank, worldSize: world)
    }
}

/// The options shared by every command that iterates batches (`order`, `dump`, `bench`, the
/// inspector): DESIGN.md's command-line contract.
struct IterationOptions: ParsableArguments {
    @Option(help: "Samples per batch.")
    var batchSize: Int = 64

    @Option(
        help: ArgumentHelp(
            "Sample order: off (in order), exact (a fresh permutation every pass) or chunks. A bare --shuffle means exact; --no-shuffle means off.",
            valueName: "off|exact|chunks"))
    var shuffle: ShuffleChoice = .off

    @Option(
        parsing: .unconditional,
        help: "Seed of every random choice (shuffles, weighted draws, augmentation): a whole number ≥ 0.")
    var seed: UInt64 = 12345

    @Option(parsing: .unconditional, help: "Passes over the data per epoch, or -1 for endless (BatchUp's repeats).")
    var repeats: Int = 1

    @Flag(help: "Drop a short last batch (and, with --shard, the tail that does not fill every rank).")
    var dropLast = false

    @Option(help: ArgumentHelp("Which sampler draws the indices.", valueName: "uniform|balanced|weights:DATASET"))
    var sampler: SamplerChoice = .uniform

    @Option(help: ArgumentHelp("Use only samples START..<END.", valueName: "START:END"))
    var subset: SubsetRange?

    @Option(
        help: ArgumentHelp(
            "This process's share of a distributed run (default: $RANK/$WORLD_SIZE as torchrun sets them, else 0/1).",
            valueName: "RANK/WORLD"))
    var shard: ShardChoice?

    @Option(help: "Number of epochs.")
    var epochs: Int = 1

    /// The batch options these flags describe.
    var batchOptions: BatchOptions {
        BatchOptions(
            batchSize: batchSize, order: shuffle == .off ? .sequential : .shuffled(seed: seed), dropLast: dropLast)
    }

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError(BatchingError.invalidBatchSize(batchSize).description) }
        guard repeats >= 1 || repeats == -1 else {
            throw ValidationError(BatchingError.invalidRepeats(repeats).description)
        }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, not \(epochs)") }
        if let subset, subset.bounds.start < 0 || subset.bounds.end <= subset.bounds.start {
            throw ValidationError(
                "--subset \(subset.bounds.start):\(subset.bounds.end) is empty or reversed; give START:END with 0 ≤ START < END (END is exclusive)"
            )
        }
    }

    /// The shard to use: `--shard`, else `RANK`/`WORLD_SIZE` from the environment.
    func resolvedShard() throws -> ShardChoice {
        if let shard { return shard }
        let (rank, world) = try ShardedSampler.rankAndWorldSizeFromEnvironment()
        return ShardChoice(rank: rank, worldSize: world)
    }

    /// The sampler for data of `sampleCount` samples.
    ///
    /// - Parameters:
    ///   - labels: reads the labels, asked for only by `--sampler balanced`.
    ///   - weights: reads a weights dataset by name, asked for only by `--sampler weights:NAME`.
    ///   - chunkedShuffle: builds the chunk-aware shuffle sampler over a subset, asked for only by
    ///     `--shuffle chunks`.
    func makeSampler(
        sampleCount: Int,
        labels: () throws -> [Int],
        weights: (String) throws -> [Double],
        chunkedShuffle: (([Int]?) throws -> any Sampler)? = nil
    ) throws -> any Sampler {
        if let subset, subset.range.upperBound > sampleCount {
            throw BatchingError.invalidArgument(
                "--subset \(subset.range.lowerBound):\(subset.range.upperBound) reaches past the data, which has \(sampleCount) samples"
            )
        }
        let subsetIndices = subset.map { Array($0.range) }
        var base: any Sampler
        switch sampler {
        case .uniform:
            if shuffle == .chunks {
                guard let chunkedShuffle else {
                    throw BatchingError.invalidArgument(
                        "--shuffle chunks needs a chunked HDF5 dataset; use --shuffle exact here")
                }
                base = try chunkedShuffle(subsetIndices)
            } else if let subsetIndices {
                base = try SubsetSampler(indices: subsetIndices, sampleCount: sampleCount)
            } else {
                base = StandardSampler(count: sampleCount)
            }
        case .balanced:
            let all = try labels()
            base =
                try subsetIndices.map { try WeightedSubsetSampler.classBalancing(labels: all, indices: $0) }
                ?? WeightedSampler.classBalancing(labels: all)
        case .weights(let name):
            let all = try weights(name)
            guard all.count == sampleCount else {
                throw BatchingError.invalidArgument(
                    "the weights dataset \(name) has \(all.count) values but the data has \(sampleCount) samples; give one weight per sample"
                )
            }
            base =
                try subsetIndices.map { indices in
                    try WeightedSubsetSampler(
                        subWeights: indices.map { all[$0] }, indices: indices, sampleCount: sampleCount)
                } ?? WeightedSampler(weights: all)
        }
        if base.drawsWithReplacement && shuffle == .off {
            throw BatchingError.inOrderWithWeightedSampler
        }
        let shard = try resolvedShard()
        if shard.worldSize != 1 || shard.rank != 0 {
            base = try ShardedSampler(base: base, rank: shard.rank, worldSize: shard.worldSize, dropLast: dropLast)
        }
        return base
    }

    /// Rewrites the spellings ArgumentParser cannot express into `--shuffle=VALUE`: a bare
    /// `--shuffle` (exact), `--shuffle chunks` with a space, and `--no-shuffle` (off).
    static func normalisingShuffleSpellings(_ arguments: [String]) -> [String] {
        var out = [String]()
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--no-shuffle" {
                out.append("--shuffle=off")
            } else if argument == "--shuffle" {
                if i + 1 < arguments.count, let choice = ShuffleChoice(rawValue: arguments[i + 1]) {
                    out.append("--shuffle=\(choice.rawValue)")
                    i += 1
                } else {
                    out.append("--shuffle=exact")
                }
            } else {
                out.append(argument)
            }
            i += 1
        }
        return out
    }
}
