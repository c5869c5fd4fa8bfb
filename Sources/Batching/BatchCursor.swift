/// Something that hands out batches one after another — a ``BatchIterator`` over an addressable
/// source or a ``SequentialBatchIterator`` over a forward-only one — so that the evaluation
/// helpers (``batchMapConcat(maxBatches:progress:_:)``, ``batchMapMean(maxBatches:progress:_:)``)
/// run on either, as BatchUp's `batch_map_*` run on any batch iterator.
public protocol BatchCursor {
    /// The next batch, or `nil` after the last one.
    mutating func next() throws -> Batch?
    /// The number of batches left, when known.
    var remainingBatches: Int? { get }
    /// Whether the batches come to an end by themselves (a last epoch, or a known count).
    var endsByItself: Bool { get }
}

extension BatchIterator: BatchCursor {
    /// The number of batches left before the iterator ends; `nil` when it never does.
    public var remainingBatches: Int? {
        guard let endEpoch, let batchCount else { return nil }
        return max(0, (endEpoch - position.epoch) * batchCount - position.batch)
    }

    public var endsByItself: Bool { remainingBatches != nil }
}

extension SequentialBatchIterator: BatchCursor {
    /// Unknown: a forward-only source tells its end only by reaching it.
    public var remainingBatches: Int? { nil }

    /// Whether a last epoch was given; without one the iterator reads for as long as the source
    /// gives batches.
    public var endsByItself: Bool { endEpoch != nil }
}
