/// The index stream of one configuration: which sample indices every batch of every epoch holds.
///
/// The plan lays `repeats` passes of the sampler end to end and cuts the result every
/// `batchSize` positions, as BatchUp does, so only the very last batch of an epoch is short and
/// batches may straddle passes. With 5 samples, batch size 3 and 2 repeats, in order:
/// `[0,1,2] [3,4,0] [1,2,3] [4]`. `repeats: -1` makes the epoch endless, which works even when
/// the data is smaller than a batch. Drawing samplers always fill whole batches.
///
/// Any batch is computed directly from its address in O(batch size), after at most one shuffle of
/// each pass it touches.
///
/// ```swift
/// let plan = try BatchPlan(sampler: StandardSampler(count: 5), repeats: 2, options: BatchOptions(batchSize: 3))
/// try plan.indices(epoch: 0, batch: 1)  // [3, 4, 0]
/// ```
public struct BatchPlan: Sendable {
    /// Where the indices come from.
    public let sampler: any Sampler
    /// How many passes one epoch holds; -1 for endless.
    public let repeats: Int
    /// Batch size, order and short-batch handling.
    public let options: BatchOptions

    /// A plan, checked for the combinations BatchUp refuses.
    ///
    /// - Throws: ``BatchingError/invalidBatchSize(_:)``, ``BatchingError/invalidRepeats(_:)``,
    ///   ``BatchingError/samplerWithRepeats(_:)`` (a drawing sampler with repeats ≠ 1),
    ///   ``BatchingError/inOrderWithWeightedSampler``.
    public init(sampler: any Sampler, repeats: Int = 1, options: BatchOptions) throws {
        guard options.batchSize >= 1 else { throw BatchingError.invalidBatchSize(options.batchSize) }
        guard repeats >= 1 || repeats == -1 else { throw BatchingError.invalidRepeats(repeats) }
        guard options.batchSize <= Self.largestBatchSize else {
            throw BatchingError.invalidArgument(
                "a batch size of \(options.batchSize) is more samples than any data set holds; use at most \(Self.largestBatchSize)"
            )
        }
        if sampler.drawsWithReplacement {
            guard repeats == 1 else { throw BatchingError.samplerWithRepeats(repeats) }
            guard options.order.seed != nil else { throw BatchingError.inOrderWithWeightedSampler }
        } else if let pass = sampler.passLength, repeats > 1, pass.multipliedReportingOverflow(by: repeats).overflow {
            throw BatchingError.invalidArgument(
                "\(repeats) repeats of \(pass) samples are more positions than can be counted; use fewer repeats, or -1 to repeat endlessly"
            )
        }
        self.sampler = sampler
        self.repeats = repeats
        self.options = options
    }

    /// The largest batch size a plan accepts (2^32 samples), so that position arithmetic
    /// cannot overflow.
    public static let largestBatchSize = 1 << 32

    /// The number of positions in one epoch; `nil` when the epoch is endless.
    public var positionsPerEpoch: Int? {
        let size = options.batchSize
        guard let pass = sampler.passLength else { return nil }
        if sampler.drawsWithReplacement { return (pass + size - 1) / size * size }
        if repeats == -1 { return pass == 0 ? 0 : nil }
        return pass * repeats
    }

    /// The samples one epoch delivers: its positions, less the short last batch that
    /// `dropLast` drops; `nil` when the epoch is endless.
    public var samplesPerEpoch: Int? {
        guard let total = positionsPerEpoch else { return nil }
        return options.dropLast ? total / options.batchSize * options.batchSize : total
    }

    /// The number of batches in one epoch; `nil` when the epoch is endless.
    public var batchCount: Int? {
        guard let total = positionsPerEpoch else { return nil }
        let size = options.batchSize
        return options.dropLast ? total / size : (total + size - 1) / size
    }

    /// The sample indices of batch `batch` of epoch `epoch`.
    ///
    /// - Throws: ``BatchingError/addressOutOfRange(epoch:batch:batchCount:)`` for a batch past the
    ///   end of the epoch or a negative address.
    public func indices(epoch: Int, batch: Int) throws -> [Int] {
        let count = batchCount
        guard epoch >= 0, batch >= 0, count.map({ batch < $0 }) ?? true else {
            throw BatchingError.addressOutOfRange(epoch: epoch, batch: batch, batchCount: count)
        }
        let (start, overflow) = batch.multipliedReportingOverflow(by: options.batchSize)
        guard !overflow, start <= Int.max - options.batchSize else {
            throw BatchingError.addressOutOfRange(epoch: epoch, batch: batch, batchCount: count)
        }
        let end = positionsPerEpoch.map { min(start + options.batchSize, $0) } ?? start + options.batchSize
        if sampler.drawsWithReplacement {
            return try sampler.indices(epoch: epoch, pass: 0, positions: Array(start..<end), order: options.order)
        }
        // A pass sampler: split the positions at pass boundaries.
        let passLength = sampler.passLength ?? 0
        var result = [Int]()
        result.reserveCapacity(end - start)
        var position = start
        while position < end {
            let pass = position / passLength
            let offset = position % passLength
            let take = min(end - position, passLength - offset)
            result += try sampler.indices(
                epoch: epoch, pass: pass, positions: Array(offset..<(offset + take)),
                order: options.order)
            position += take
        }
        return result
    }

    /// A number that changes whenever the plan would produce other indices.
    public var fingerprint: UInt64 {
        _fingerprint(
            "plan", sampler.fingerprint, UInt64(bitPattern: Int64(repeats)), UInt64(options.batchSize),
            options.order.seed ?? 0, options.order.seed == nil ? 0 : 1, options.dropLast ? 1 : 0)
    }
}
