import Batching

/// Which samples each batch the inspector shows holds: batches cut from a ``BatchPlan`` every
/// batch size, one whole file per batch (``InspectedFileBatches``), or the batches of a
/// forward-only source as it gives them (``InspectedForwardOnly``).
///
/// The session asks it for the number of batches, a batch's indices (the class-balance pane's
/// epoch counts, `/` find) and, for file batches, which file a batch is.
///
/// ```swift
/// let stream = BatchStream.plan(try BatchPlan(sampler: StandardSampler(count: 10), options: BatchOptions(batchSize: 4)))
/// stream.batchCount                           // 3
/// try stream.indices(epoch: 0, batch: 2)      // [8, 9]
/// ```
public enum BatchStream: Sendable {
    /// Batches of a plan's batch size.
    case plan(BatchPlan)
    /// Batch *k* is a whole file; the options give the file order (shuffled or not).
    case files(InspectedFileBatches, BatchOptions)
    /// Batch *k* is the *k*-th batch a forward-only source gives; its samples are known once read.
    case forwardOnly(InspectedForwardOnly)

    /// The number of batches in one epoch; `nil` when epochs never end.
    public var batchCount: Int? {
        switch self {
        case .plan(let plan): plan.batchCount
        case .files(let files, _): files.fileCount
        case .forwardOnly(let source): source.batchCount
        }
    }

    /// The number of sample positions in one epoch; `nil` when epochs never end.
    public var positionsPerEpoch: Int? {
        switch self {
        case .plan(let plan): plan.positionsPerEpoch
        case .files(let files, _): files.offsets.last ?? 0
        case .forwardOnly(let source):
            if case .finite(let count) = source.sampleCount { count } else { nil }
        }
    }

    /// The most samples one batch holds.
    public var largestBatch: Int {
        switch self {
        case .plan(let plan): plan.options.batchSize
        case .files(let files, _): files.largestFile
        case .forwardOnly(let source): source.cache.options.batchSize
        }
    }

    /// The file that holds batch `batch` of `epoch`, or `nil` when batches are not files.
    public func file(epoch: Int, batch: Int) throws -> Int? {
        guard case .files(let files, let options) = self else { return nil }
        return try files.fileIndex(BatchAddress(epoch: epoch, batch: batch), options)
    }

    /// The sample indices of batch `batch` of `epoch`.
    ///
    /// - Throws: ``BatchingError/addressOutOfRange(epoch:batch:batchCount:)`` past the end of an
    ///   epoch; ``BatchingError/invalidArgument(_:)`` for a forward-only source's batch that is
    ///   not kept (its samples are numbered as they are read).
    public func indices(epoch: Int, batch: Int) throws -> [Int] {
        switch self {
        case .plan(let plan): return try plan.indices(epoch: epoch, batch: batch)
        case .files(let files, let options):
            return Array(files.samples(ofFile: try files.fileIndex(BatchAddress(epoch: epoch, batch: batch), options)))
        case .forwardOnly(let source):
            let address = BatchAddress(epoch: epoch, batch: batch)
            guard case .kept = source.cache.position(of: address) else {
                throw BatchingError.invalidArgument(
                    "a forward-only source's samples are numbered as they are read, and \(address) is not kept")
            }
            let (read, first) = try source.cache.positionedBatch(at: address, source.cache.options)
            return Array(first..<(first + read.count))
        }
    }
}
