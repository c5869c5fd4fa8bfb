import ArgumentParser
import Batching

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

/// The options shared by every command that iterates batches (`order`, `dump`, `bench`, the
/// inspector): DESIGN.md's command-line contract.
struct IterationOptions: ParsableArguments {
    @Option(
        name: .customLong("shuffle"),
        help: ArgumentHelp(
            "Sample order: off (in order), exact (a fresh permutation every pass) or chunks. A bare --shuffle means exact; --no-shuffle means off.",
            valueName: "off|exact|chunks"))
    var givenShuffle: ShuffleChoice?

    @Option(
        parsing: .unconditional,
        help: "Seed of every random choice (shuffles, weighted draws, augmentation): a whole number ≥ 0.")
    var seed: UInt64 = 12345

    @Option(
        help: ArgumentHelp(
            "This process's share of a distributed run (default: $RANK/$WORLD_SIZE as torchrun sets them, else 0/1).",
            valueName: "RANK/WORLD"))
    var shard: Shard?

    // --shuffle, --batch-size, --epochs, --repeats and --sampler are optional values, so that a command
    // can tell whether they were given (--file-batches refuses the ones that cut batches by
    // samples; the inspector's epochs never end without --epochs); the computed properties
    // below give their defaults.
    // `.unconditional`: a negative value (`--batch-size -5`) is read as the value, and refused
    // in `validate()` with a sentence, rather than taken for an option and "missing".
    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Samples per batch (default: 64).")
    var givenBatchSize: Int?

    @Option(
        name: .customLong("epochs"), parsing: .unconditional,
        help: "Number of epochs (default: 1; in the inspector, epochs never end without it).")
    var givenEpochs: Int?

    @Option(
        name: .customLong("repeats"), parsing: .unconditional,
        help: "Passes over the data per epoch, or -1 for endless (BatchUp's repeats; default: 1).")
    var givenRepeats: Int?

    @Flag(help: "Drop a short last batch (and, with --shard, the tail that does not fill every rank).")
    var dropLast = false

    @Option(
        name: .customLong("sampler"),
        help: ArgumentHelp(
            "Which sampler draws the indices (default: uniform).",
            valueName: SamplerChoice.spellings.joined(separator: "|")))
    var givenSampler: SamplerChoice?

    @Option(parsing: .unconditional, help: ArgumentHelp("Use only samples START..<END.", valueName: "START:END"))
    var subset: SubsetRange?

    @Option(
        help: ArgumentHelp(
            "Start at the batch of a resume token (the inspector's y prints one); refused, saying what differs, when it was made with other options.",
            valueName: "TOKEN"))
    var resume: ResumeToken?

    /// Samples per batch: `--batch-size`, else 64.
    var batchSize: Int { givenBatchSize ?? 64 }

    /// Passes per epoch: `--repeats`, else 1.
    var repeats: Int { givenRepeats ?? 1 }

    /// The sampler: `--sampler`, else uniform.
    var sampler: SamplerChoice { givenSampler ?? .uniform }

    /// The sample order: `--shuffle`, else off.
    var shuffle: ShuffleChoice { givenShuffle ?? .off }

    /// The number of epochs: `--epochs`, else 1.
    var epochs: Int { givenEpochs ?? 1 }

    /// The batch options these flags describe.
    var batchOptions: BatchOptions { samplingSpec(shard: .whole).batchOptions(batchSize: batchSize) }

    /// The sampling these flags describe, for `shard`.
    func samplingSpec(shard: Shard) -> SamplingSpec {
        SamplingSpec(
            sampler: sampler, shuffle: shuffle, seed: seed, subset: subset?.range, shard: shard, repeats: repeats,
            dropLast: dropLast)
    }

    /// The sampling these flags describe, with the shard of `--shard` (or `RANK`/`WORLD_SIZE`).
    func samplingSpec() throws -> SamplingSpec { samplingSpec(shard: try resolvedShard()) }

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError(BatchingError.invalidBatchSize(batchSize).description) }
        guard repeats >= 1 || repeats == -1 else {
            throw ValidationError(BatchingError.invalidRepeats(repeats).description)
        }
        if let givenEpochs, givenEpochs < 1 {
            throw ValidationError("--epochs must be at least 1, not \(givenEpochs)")
        }
        if let subset, subset.bounds.start < 0 || subset.bounds.end <= subset.bounds.start {
            throw ValidationError(
                "--subset \(subset.bounds.start):\(subset.bounds.end) is empty or reversed; give START:END with 0 ≤ START < END (END is exclusive)"
            )
        }
    }

    /// The shard to use: `--shard`, else `RANK`/`WORLD_SIZE` from the environment.
    func resolvedShard() throws -> Shard {
        if let shard { return shard }
        let (rank, world) = try ShardedSampler.rankAndWorldSizeFromEnvironment()
        return Shard(rank: rank, worldSize: world)
    }

    /// The sampler these flags describe over `data`.
    func makeSampler(for data: SamplingData) throws -> any Sampler { try samplingSpec().makeSampler(for: data) }

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
