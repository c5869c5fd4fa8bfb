/// An error the batching library reports, with a sentence a person can act on.
///
/// Every case's ``description`` says what is wrong and what to do about it; the command-line tool
/// prints it as it is.
public enum BatchingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Columns of one data source hold different numbers of samples.
    case inconsistentLengths([Int])
    /// `repeats` is 0 or below -1.
    case invalidRepeats(Int)
    /// A sampler was given together with `repeats` other than 1.
    case samplerWithRepeats(Int)
    /// A sampler was given together with a subset of indices.
    case samplerWithIndices
    /// The sampling weights add up to zero.
    case weightsSumToZero
    /// A sampling weight is negative, NaN or infinite.
    case invalidWeight(index: Int, value: Double)
    /// In-order iteration was asked of a sampler that only draws at random.
    case inOrderWithWeightedSampler
    /// The batch size is zero or negative.
    case invalidBatchSize(Int)
    /// A sample index lies outside the data.
    case indexOutOfRange(index: Int, count: Int)
    /// Tensors whose rows do not fit together were combined.
    case incompatibleRows(String)
    /// The members of a composite source yield different numbers of batches.
    case compositeLengthsDiffer([Int?])
    /// A shard's rank or world size is impossible.
    case invalidShard(rank: Int, worldSize: Int)
    /// The sub-weights and the subset indices of a weighted subset sampler differ in length.
    case subWeightsMismatch(weights: Int, indices: Int)
    /// An epoch or batch address outside the iteration.
    case addressOutOfRange(epoch: Int, batch: Int, batchCount: Int?)
    /// A resume token that was made for another configuration or is malformed.
    case invalidResumeToken(String)
    /// Labels needed for class balancing are not non-negative integers.
    case invalidLabels(String)
    /// Any other argument a caller got wrong; the text says which and how.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .inconsistentLengths(let lengths):
            let listed = lengths.enumerated().map { "column \($0.offset) has \($0.element)" }.joined(separator: ", ")
            return "the columns hold different numbers of samples (\(listed)); every column needs one row per sample"
        case .invalidRepeats(let repeats):
            return "repeats must be a whole number ≥ 1, or -1 to repeat endlessly, not \(repeats)"
        case .samplerWithRepeats(let repeats):
            return
                "a sampler decides how often samples are drawn, so repeats must be 1 when a sampler is given, not \(repeats)"
        case .samplerWithIndices:
            return
                "a sampler cannot be combined with a subset of indices; use a subset sampler (WeightedSubsetSampler) instead"
        case .weightsSumToZero:
            return
                "the sampling weights add up to 0, so no sample can be drawn; give at least one sample a positive weight"
        case .invalidWeight(let index, let value):
            return "sampling weight \(index) is \(value); weights must be finite and ≥ 0"
        case .inOrderWithWeightedSampler:
            return
                "a weighted sampler draws at random, so it cannot iterate in order; turn shuffling on (--shuffle, or a seed in the library)"
        case .invalidBatchSize(let size):
            return "the batch size must be at least 1, not \(size)"
        case .indexOutOfRange(let index, let count):
            return "sample index \(index) is outside the data, which has \(count) samples (valid: 0…\(count - 1))"
        case .incompatibleRows(let detail):
            return detail
        case .compositeLengthsDiffer(let counts):
            let listed = counts.enumerated().map { "member \($0.offset): \($0.element.map(String.init) ?? "endless")" }
                .joined(separator: ", ")
            return "the members of the composite source yield different numbers of batches (\(listed)); "
                + "pass lengths: .stopAtShortest to stop at the shortest and leave the rest of the others unread, "
                + "or make one member endless with repeats: -1"
        case .invalidShard(let rank, let worldSize):
            return
                "shard \(rank)/\(worldSize) is impossible; the world size must be 1…\(ShardedSampler.largestWorldSize) and the rank in 0…\(max(worldSize - 1, 0))"
        case .subWeightsMismatch(let weights, let indices):
            return
                "a weighted subset sampler needs one weight per subset index, but has \(weights) weights for \(indices) indices"
        case .addressOutOfRange(let epoch, let batch, let batchCount):
            return
                "there is no batch \(batch) in epoch \(epoch); an epoch has \(batchCount.map(String.init) ?? "endless") batches, numbered from 0"
        case .invalidResumeToken(let detail):
            return "the resume token cannot be used: \(detail)"
        case .invalidLabels(let detail):
            return detail
        case .invalidArgument(let detail):
            return detail
        }
    }
}

extension BatchingError {
    /// Throws ``indexOutOfRange(index:count:)`` for the first of `indices` outside `0..<count`:
    /// the one check every column, source and sampler makes of the indices it is given.
    public static func checkIndices(_ indices: [Int], count: Int) throws {
        for index in indices where index < 0 || index >= count {
            throw indexOutOfRange(index: index, count: count)
        }
    }
}
