/// How many draws one epoch of a drawing sampler holds.
public enum DrawsPerEpoch: Sendable, Hashable {
    /// This many draws, rounded up to whole batches.
    case draws(Int)
    /// Draw for ever, as BatchUp's weighted samplers do.
    case endless
}

/// Draws samples with replacement, each with probability proportional to its weight (BatchUp's
/// `WeightedSampler`).
///
/// A draw is O(1) for any number of weights (an alias table), and the draw at every position is
/// keyed by (seed, epoch, position), so any batch can be recomputed on its own. Batches are always
/// full. In-order iteration is refused.
///
/// BatchUp's weighted sampler never ends an epoch; this one ends it after as many draws as there
/// are weights (rounded up to whole batches) unless `drawsPerEpoch: .endless` is given, so that
/// epochs mean something in the inspector.
///
/// ```swift
/// let sampler = try WeightedSampler(weights: [1, 1, 2])   // sample 2 is drawn half the time
/// ```
public struct WeightedSampler: Sampler {
    let table: _AliasTable
    /// How many draws make an epoch.
    public let drawsPerEpoch: DrawsPerEpoch

    /// A sampler drawing index `i` with probability `weights[i] / weights.sum()`.
    ///
    /// - Throws: ``BatchingError/invalidWeight(index:value:)`` for a negative or non-finite weight,
    ///   ``BatchingError/weightsSumToZero`` when no weight is positive.
    public init(weights: [Double], drawsPerEpoch: DrawsPerEpoch? = nil) throws {
        table = try _AliasTable(weights: weights)
        self.drawsPerEpoch = drawsPerEpoch ?? .draws(weights.count)
    }

    /// A sampler whose weights give every class present in `labels` the same total weight.
    public static func classBalancing(labels: [Int], drawsPerEpoch: DrawsPerEpoch? = nil) throws -> WeightedSampler {
        try WeightedSampler(weights: classBalancingSampleWeights(labels: labels), drawsPerEpoch: drawsPerEpoch)
    }

    /// Per-sample weights that give each of the K classes present in `labels` the total weight
    /// 1/K: sample i of class c weighs `1 / (count_c · K)` (BatchUp's
    /// `class_balancing_sample_weights`).
    ///
    /// - Throws: ``BatchingError/invalidLabels(_:)`` when a label is negative.
    public static func classBalancingSampleWeights(labels: [Int]) throws -> [Double] {
        if let bad = labels.firstIndex(where: { $0 < 0 }) {
            throw BatchingError.invalidLabels("label \(bad) is \(labels[bad]); class balancing needs class numbers ≥ 0")
        }
        var counts = [Int: Int]()
        for label in labels { counts[label, default: 0] += 1 }
        let presentClasses = Double(counts.count)
        return labels.map { 1 / (Double(counts[$0, default: 1]) * presentClasses) } // every label was counted
    }

    public var passLength: Int? {
        if case .draws(let n) = drawsPerEpoch { return n }
        return nil
    }
    public var drawsWithReplacement: Bool { true }
    public var sampleCount: Int { table.count }

    public func indices(epoch: Int, pass: Int, positions: [Int], order: SampleOrder) throws -> [Int] {
        guard let seed = order.seed else { throw BatchingError.inOrderWithWeightedSampler }
        return positions.map { position in
            var random = CounterRandom(seed: seed, purpose: .weightedDraw, epoch: epoch, batch: pass, sample: position)
            return table.draw(using: &random)
        }
    }

    public func targetProbabilities() -> [Double] { table.probabilities }

    public var fingerprint: UInt64 {
        _fingerprint(
            "weighted",
            [UInt64(table.count), passLength.map { UInt64($0) } ?? .max]
                + table.probabilities.prefix(4096).map { $0.bitPattern })
    }
}

/// Draws with replacement from a subset of the samples, by per-subset-sample weights (BatchUp's
/// `WeightedSubsetSampler`).
///
/// ```swift
/// let sampler = try WeightedSubsetSampler(subWeights: [1, 3], indices: [10, 20], sampleCount: 30)
/// ```
public struct WeightedSubsetSampler: Sampler {
    /// The subset the weights belong to.
    public let subset: [Int]
    public let sampleCount: Int
    /// Draws positions in `subset`.
    private let inner: WeightedSampler

    /// A sampler drawing `indices[i]` with probability proportional to `subWeights[i]`.
    ///
    /// - Throws: ``BatchingError/subWeightsMismatch(weights:indices:)`` when the lists differ in
    ///   length, and the errors of ``WeightedSampler/init(weights:drawsPerEpoch:)``.
    public init(subWeights: [Double], indices: [Int], sampleCount: Int, drawsPerEpoch: DrawsPerEpoch? = nil) throws {
        guard subWeights.count == indices.count else {
            throw BatchingError.subWeightsMismatch(weights: subWeights.count, indices: indices.count)
        }
        try BatchingError.checkIndices(indices, count: sampleCount)
        inner = try WeightedSampler(weights: subWeights, drawsPerEpoch: drawsPerEpoch)
        subset = indices
        self.sampleCount = sampleCount
    }

    /// A sampler over `indices` that gives every class among their labels the same total weight;
    /// `labels` holds the label of every sample of the data.
    public static func classBalancing(labels: [Int], indices: [Int]) throws -> WeightedSubsetSampler {
        try BatchingError.checkIndices(indices, count: labels.count)
        let weights = try WeightedSampler.classBalancingSampleWeights(labels: indices.map { labels[$0] })
        return try WeightedSubsetSampler(subWeights: weights, indices: indices, sampleCount: labels.count)
    }

    /// How many draws make an epoch.
    public var drawsPerEpoch: DrawsPerEpoch { inner.drawsPerEpoch }
    public var passLength: Int? { inner.passLength }
    public var drawsWithReplacement: Bool { true }

    public func indices(epoch: Int, pass: Int, positions: [Int], order: SampleOrder) throws -> [Int] {
        try inner.indices(epoch: epoch, pass: pass, positions: positions, order: order).map { subset[$0] }
    }

    public func targetProbabilities() -> [Double] {
        var probabilities = [Double](repeating: 0, count: sampleCount)
        for (i, probability) in inner.targetProbabilities().enumerated() { probabilities[subset[i]] += probability }
        return probabilities
    }

    public var fingerprint: UInt64 {
        _fingerprint(
            "weighted-subset", [inner.fingerprint, UInt64(sampleCount)] + subset.prefix(4096).map { UInt64($0) })
    }
}
