/// Visits every sample of the data once per pass, in order or shuffled (BatchUp's
/// `StandardSampler`).
///
/// ```swift
/// let sampler = StandardSampler(count: 5)
/// try sampler.indices(epoch: 0, pass: 0, positions: [0, 1, 2], order: .sequential)  // [0, 1, 2]
/// ```
public struct StandardSampler: Sampler {
    public let sampleCount: Int
    private let cache = _PermutationCache()

    /// A sampler over samples `0..<count`.
    public init(count: Int) {
        precondition(count >= 0, "a data source cannot hold a negative number of samples")
        sampleCount = count
    }

    public var passLength: Int? { sampleCount }

    public func indices(epoch: Int, pass: Int, positions: [Int], order: SampleOrder) throws -> [Int] {
        switch order {
        case .sequential:
            return positions
        case .shuffled(let seed):
            let permutation = cache.permutation(seed: seed, epoch: epoch, pass: pass, count: sampleCount)
            return positions.map { Int(permutation[$0]) }
        }
    }

    public func targetProbabilities() -> [Double] {
        Array(repeating: sampleCount > 0 ? 1 / Double(sampleCount) : 0, count: sampleCount)
    }

    public var fingerprint: UInt64 { _fingerprint("standard", UInt64(sampleCount)) }
}

/// Visits the samples named by a list of indices once per pass, in the list's order or shuffled
/// (BatchUp's `SubsetSampler`).
///
/// ```swift
/// let sampler = try SubsetSampler(indices: [7, 3, 9], sampleCount: 10)
/// try sampler.indices(epoch: 0, pass: 0, positions: [0, 2], order: .sequential)  // [7, 9]
/// ```
public struct SubsetSampler: Sampler {
    /// The subset, in the order a sequential pass visits it.
    public let subset: [Int]
    public let sampleCount: Int
    private let inner: StandardSampler

    /// A sampler over `indices`, which refer to data of `sampleCount` samples.
    ///
    /// - Throws: ``BatchingError/indexOutOfRange(index:count:)`` for an index outside the data.
    public init(indices: [Int], sampleCount: Int) throws {
        try BatchingError.checkIndices(indices, count: sampleCount)
        subset = indices
        self.sampleCount = sampleCount
        inner = StandardSampler(count: indices.count)
    }

    public var passLength: Int? { subset.count }

    public func indices(epoch: Int, pass: Int, positions: [Int], order: SampleOrder) throws -> [Int] {
        try inner.indices(epoch: epoch, pass: pass, positions: positions, order: order).map { subset[$0] }
    }

    public func targetProbabilities() -> [Double] {
        var probabilities = [Double](repeating: 0, count: sampleCount)
        for index in subset { probabilities[index] += 1 / Double(subset.count) }
        return probabilities
    }

    public var fingerprint: UInt64 { _fingerprint("subset", subset.map { UInt64($0) }) }
}

/// A stable (across runs and Swift versions) hash of a tag and some numbers, for fingerprints.
func _fingerprint(_ tag: String, _ values: [UInt64]) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in tag.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    for value in values { hash = CounterRandom.mix(hash ^ value) }
    return hash
}

func _fingerprint(_ tag: String, _ values: UInt64...) -> UInt64 { _fingerprint(tag, values) }
