import Synchronization

/// How often each sample is visited over some epochs of a plan, counted from the index stream
/// alone (no data is read): what a weighted or class-balancing sampler leaves out, what a shard
/// misses.
///
/// ```swift
/// let plan = try BatchPlan(sampler: StandardSampler(count: 1000), options: BatchOptions(batchSize: 64, dropLast: true))
/// let coverage = try Coverage(plan: plan, sampleCount: 1000, epochs: 1)
/// coverage.neverVisitedCount           // 40: the dropped tail
/// ```
public struct Coverage: Sendable {
    /// The epochs counted.
    public let epochs: Int
    /// Visits of each sample, indexed by sample.
    public let visits: [UInt32]

    /// Counts the visits of `epochs` epochs of `plan` over samples `0..<sampleCount`.
    ///
    /// The stream is read in runs of whole batches (about 64 Ki positions at a time), which give
    /// the same indices as batch by batch: positions map to samples whatever the batch size.
    /// Epochs are counted on every core, each part into its own array (4 bytes a sample a core).
    ///
    /// - Throws: ``BatchingError/invalidArgument(_:)`` for an endless epoch; what the sampler throws.
    public init(plan: BatchPlan, sampleCount: Int, epochs: Int) throws {
        guard let batchCount = plan.batchCount, let positions = plan.positionsPerEpoch else {
            throw BatchingError.invalidArgument(
                "an epoch of this configuration never ends (--repeats -1), so its coverage cannot be counted")
        }
        let size = plan.options.batchSize
        let perEpoch = min(positions, batchCount * size)
        // Whole batches, about 64 Ki positions, and no more than an epoch holds.
        let run = min(max(1, 65_536 / size), max(batchCount, 1)) * size
        let wide = try BatchPlan(
            sampler: plan.sampler, repeats: plan.repeats,
            options: BatchOptions(batchSize: run, order: plan.options.order, dropLast: false))
        // Epochs are independent: each part counts every `parts`-th epoch into its own array.
        let parts = max(1, min(ParallelWork().width, epochs))
        let counts = Mutex([[UInt32]]())
        try ParallelWork(width: parts).run(count: parts) { part in
            var visits = [UInt32](repeating: 0, count: sampleCount)
            for epoch in stride(from: part, to: max(epochs, 0), by: parts) {
                var start = 0
                var piece = 0
                while start < perEpoch {
                    let indices = try wide.indices(epoch: epoch, batch: piece)
                    for index in indices.prefix(perEpoch - start) where index >= 0 && index < sampleCount {
                        visits[index] &+= 1
                    }
                    start += run
                    piece += 1
                }
            }
            counts.withLock { $0.append(visits) }
        }
        var visits = counts.withLock { $0.popLast() } ?? [UInt32](repeating: 0, count: sampleCount)
        for other in counts.withLock({ $0 }) {
            for index in visits.indices { visits[index] &+= other[index] }
        }
        self.epochs = epochs
        self.visits = visits
    }

    /// The number of samples never visited.
    public var neverVisitedCount: Int { visits.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } }

    /// The first `limit` samples never visited, ascending.
    public func neverVisited(limit: Int) -> [Int] {
        var found = [Int]()
        for (index, count) in visits.enumerated() where count == 0 {
            found.append(index)
            if found.count == limit { break }
        }
        return found
    }

    /// How many samples were visited exactly k times, for k = 0…the most visits.
    public var histogram: [Int] {
        var counts = [Int](repeating: 0, count: Int(visits.max() ?? 0) + 1)
        for count in visits { counts[Int(count)] += 1 }
        return counts
    }

    /// Per class: samples of the class visited at least once, and the class's samples;
    /// `labels[i]` is sample i's class (negative labels are left out).
    public func classCoverage(labels: [Int], classCount: Int) -> [(visited: Int, total: Int)] {
        var result = Array(repeating: (visited: 0, total: 0), count: classCount)
        for (index, label) in labels.enumerated() where label >= 0 && label < classCount && index < visits.count {
            result[label].total += 1
            if visits[index] > 0 { result[label].visited += 1 }
        }
        return result
    }
}
