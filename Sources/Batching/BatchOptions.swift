/// How a data source is cut into batches: size, order and what happens to a short last batch.
///
/// ```swift
/// let options = BatchOptions(batchSize: 64, order: .shuffled(seed: 12345))
/// ```
public struct BatchOptions: Sendable, Hashable {
    /// Samples per batch; only the last batch of an epoch may hold fewer.
    public var batchSize: Int
    /// In order, or shuffled with a seed.
    public var order: SampleOrder
    /// Drop a last batch that is short instead of returning it (not in BatchUp).
    public var dropLast: Bool

    public init(batchSize: Int, order: SampleOrder = .sequential, dropLast: Bool = false) {
        self.batchSize = batchSize
        self.order = order
        self.dropLast = dropLast
    }

    /// The same options with another seed; sequential order stays sequential.
    func reseeded(_ transform: (UInt64) -> UInt64) -> BatchOptions {
        var copy = self
        if case .shuffled(let seed) = order { copy.order = .shuffled(seed: transform(seed)) }
        return copy
    }
}

/// Where a batch is: epoch `epoch`, batch `batch` of that epoch, both counted from 0.
public struct BatchAddress: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var epoch: Int
    public var batch: Int

    public init(epoch: Int, batch: Int) {
        self.epoch = epoch
        self.batch = batch
    }

    public static func < (lhs: BatchAddress, rhs: BatchAddress) -> Bool {
        (lhs.epoch, lhs.batch) < (rhs.epoch, rhs.batch)
    }

    public var description: String { "epoch \(epoch), batch \(batch)" }
}
