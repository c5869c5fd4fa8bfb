/// Everything that decides which samples a pass visits and in which order: the sampler, the
/// shuffle, the seed, a subset, one rank's shard, the passes per epoch and whether a short tail
/// is dropped. Every command of `batchview` and the inspector (when `b` or `s` changes it) build
/// their sampler from one of these through ``makeSampler(for:)``, so the same choice gives the
/// same batches, and the same mistake the same sentence, everywhere.
///
/// ```swift
/// var spec = SamplingSpec(sampler: .balanced, shuffle: .exact, seed: 7)
/// spec.subset = 0..<600
/// spec.shard = Shard(rank: 1, worldSize: 2)
/// let labels = (0..<1000).map { $0 % 10 }
/// let sampler = try spec.makeSampler(for: SamplingData(name: "demo", sampleCount: 1000, labels: { labels }))
/// let plan = try BatchPlan(sampler: sampler, options: spec.batchOptions(batchSize: 32))
/// ```
public struct SamplingSpec: Hashable, Sendable {
    /// Which sampler draws the indices.
    public var sampler: SamplerChoice
    /// In order, an exact permutation of every pass, or chunks shuffled.
    public var shuffle: ShuffleChoice
    /// The seed of every shuffle and weighted draw.
    public var seed: UInt64
    /// Use only the samples in this range.
    public var subset: Range<Int>?
    /// This process's share of a distributed run; ``Shard/whole`` for all of it.
    public var shard: Shard
    /// Passes over the data per epoch, or -1 for endless (BatchUp's repeats; pass samplers only).
    public var repeats: Int
    /// Drop a short last batch and, with a shard, the tail that does not fill every rank.
    public var dropLast: Bool
    /// Chunks whose samples ``ShuffleChoice/chunks`` shuffles together.
    public var windowChunks: Int

    public init(
        sampler: SamplerChoice = .uniform, shuffle: ShuffleChoice = .off, seed: UInt64 = 12345,
        subset: Range<Int>? = nil, shard: Shard = .whole, repeats: Int = 1, dropLast: Bool = false,
        windowChunks: Int = 8
    ) {
        self.sampler = sampler
        self.shuffle = shuffle
        self.seed = seed
        self.subset = subset
        self.shard = shard
        self.repeats = repeats
        self.dropLast = dropLast
        self.windowChunks = windowChunks
    }

    /// The order of every pass: sequential when shuffling is off, else shuffled with the seed.
    public var order: SampleOrder { shuffle == .off ? .sequential : .shuffled(seed: seed) }

    /// Batch options of `batchSize` samples in this spec's order and short-batch handling.
    public func batchOptions(batchSize: Int) -> BatchOptions {
        BatchOptions(batchSize: batchSize, order: order, dropLast: dropLast)
    }

    /// The sampler this spec describes over `data`.
    ///
    /// - Throws: ``BatchingError/invalidArgument(_:)`` for a subset past the end, a balanced
    ///   sampler without labels, weights of the wrong length or without datasets to read them
    ///   from, or a chunk shuffle of samples not stored in chunks;
    ///   ``BatchingError/inOrderWithWeightedSampler`` for a drawing sampler with shuffling off;
    ///   ``BatchingError/invalidShard(rank:worldSize:)`` for an impossible shard; and what the
    ///   data's readers and the samplers throw.
    public func makeSampler(for data: SamplingData) throws -> any Sampler {
        let count = data.sampleCount
        if let subset, subset.upperBound > count {
            throw BatchingError.invalidArgument(
                "--subset \(subset.lowerBound):\(subset.upperBound) reaches past the data, which has \(count) samples; give END ≤ \(count)"
            )
        }
        let indices = subset.map { Array($0) }
        var base: any Sampler
        switch sampler {
        case .uniform: base = try passSampler(for: data, indices: indices)
        case .balanced:
            let labels = try Self.labels(of: data)
            base =
                try indices.map { try WeightedSubsetSampler.classBalancing(labels: labels, indices: $0) }
                ?? WeightedSampler.classBalancing(labels: labels)
        case .weights(let name):
            let weights = try Self.weights(name, of: data)
            base =
                try indices.map {
                    try WeightedSubsetSampler(subWeights: $0.map { weights[$0] }, indices: $0, sampleCount: count)
                } ?? WeightedSampler(weights: weights)
        }
        if base.drawsWithReplacement && shuffle == .off { throw BatchingError.inOrderWithWeightedSampler }
        if shard != .whole {
            base = try ShardedSampler(base: base, rank: shard.rank, worldSize: shard.worldSize, dropLast: dropLast)
        }
        return base
    }

    /// The uniform sampler: every sample (or every sample of the subset) once per pass.
    private func passSampler(for data: SamplingData, indices: [Int]?) throws -> any Sampler {
        if shuffle == .chunks {
            guard let rows = data.rowsPerChunk else {
                throw ChunkShuffleSampler.notChunked(data.name)
            }
            return try ChunkShuffleSampler(
                sampleCount: data.sampleCount, rowsPerChunk: rows, windowChunks: windowChunks, subset: indices)
        }
        return try indices.map { try SubsetSampler(indices: $0, sampleCount: data.sampleCount) }
            ?? StandardSampler(count: data.sampleCount)
    }

    /// One label per sample of `data`, for the balanced sampler.
    private static func labels(of data: SamplingData) throws -> [Int] {
        guard let read = data.labels else {
            throw BatchingError.invalidArgument(
                "--sampler balanced needs labels, but \(data.name) has none; give data with labels (--labels PATH picks them in a file)"
            )
        }
        let labels = try read()
        guard labels.count == data.sampleCount else {
            throw BatchingError.invalidArgument(
                "the labels of \(data.name) have \(labels.count) values but the data has \(data.sampleCount) samples; give one label per sample"
            )
        }
        return labels
    }

    /// One weight per sample of `data`, read from its dataset `name`.
    private static func weights(_ name: String, of data: SamplingData) throws -> [Double] {
        guard let read = data.weights else {
            throw BatchingError.invalidArgument(
                "--sampler weights:\(name) reads the weights from a dataset, but \(data.name) has no datasets to read; give an HDF5 file"
            )
        }
        let weights = try read(name)
        guard weights.count == data.sampleCount else {
            throw BatchingError.invalidArgument(
                "the weights dataset \(name) has \(weights.count) values but the data has \(data.sampleCount) samples; give one weight per sample"
            )
        }
        return weights
    }
}
