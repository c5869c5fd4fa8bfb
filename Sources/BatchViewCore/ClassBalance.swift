import Batching

/// Class counts for the class-balance pane: the whole dataset, the sampler's target, and the
/// batches of one epoch so far, computed from the index stream and the labels without reading
/// any images.
///
/// ```swift
/// var balance = ClassBalance(labels: labels, classCount: 10, target: sampler.targetProbabilities())
/// balance.epochCounts(plan: plan, epoch: 0, through: 3)   // classes of batches 0…3
/// ```
public struct ClassBalance: Sendable {
    /// The label of every sample.
    public let labels: [Int]
    public let classCount: Int
    /// Each class's count in the data the sampler draws from.
    public let datasetCounts: [Int]
    /// Each class's share of the draws the sampler aims for.
    public let targetShares: [Double]
    private var cumulative: [[Int]] = []
    private var cumulativeEpoch: Int?

    /// Counts for `labels`; `target` holds each sample's target probability
    /// (``Sampler/targetProbabilities()``).
    public init(labels: [Int], classCount: Int, target: [Double]) {
        self.labels = labels
        self.classCount = classCount
        var shares = [Double](repeating: 0, count: classCount)
        var counts = [Int](repeating: 0, count: classCount)
        for (i, label) in labels.enumerated() where label >= 0 && label < classCount {
            let p = i < target.count ? target[i] : 0
            shares[label] += p
            if p > 0 { counts[label] += 1 }
        }
        datasetCounts = counts
        targetShares = shares
    }

    /// Class counts of `indices`.
    public func counts(of indices: [Int]) -> [Int] {
        Histogram.counts(indices.lazy.map { $0 < labels.count ? labels[$0] : -1 }, classCount: classCount)
    }

    /// Class counts of batches `0...batch` of `epoch`.
    public mutating func epochCounts(plan: BatchPlan, epoch: Int, through batch: Int) -> [Int] {
        epochCounts(stream: .plan(plan), epoch: epoch, through: batch)
    }

    /// Class counts of batches `0...batch` of `epoch` of a stream (batches of a plan, or files).
    public mutating func epochCounts(stream: BatchStream, epoch: Int, through batch: Int) -> [Int] {
        if cumulativeEpoch != epoch {
            cumulative = []
            cumulativeEpoch = epoch
        }
        while cumulative.count <= batch {
            let k = cumulative.count
            guard let indices = try? stream.indices(epoch: epoch, batch: k) else { break }
            let here = counts(of: indices)
            cumulative.append(k == 0 ? here : zip(cumulative[k - 1], here).map(+))
        }
        return cumulative.isEmpty
            ? Array(repeating: 0, count: classCount) : cumulative[min(batch, cumulative.count - 1)]
    }

    /// Whether `observed` out of `total` draws is far from `share` (more than three standard
    /// deviations of a binomial count): +1 over-drawn, -1 under-drawn, 0 as expected.
    public static func deviation(observed: Int, total: Int, share: Double) -> Int {
        guard total > 0 else { return 0 }
        let expected = Double(total) * share
        let sd = (Double(total) * share * (1 - share)).squareRoot()
        let z = (Double(observed) - expected) / max(sd, 0.5)
        return z > 3 ? 1 : z < -3 ? -1 : 0
    }
}
