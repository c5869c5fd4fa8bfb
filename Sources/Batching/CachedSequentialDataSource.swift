import Synchronization

/// A forward-only source made addressable for what walks addresses — the inspector, `bench`, the
/// prefetch pipeline: it reads the source forward as far as asked and keeps the last `capacity`
/// batches, so stepping back among them (the inspector's `p`) works; an address before them is
/// refused with a sentence.
///
/// Made for one batch size (and `dropLast`); the order and seed it is read with are the ones it
/// was made with, so a composite's per-member seed does not change it. With a finite sample count an epoch holds
/// `ceil(count / batchSize)` batches (`floor` with `dropLast`), and the source must give exactly
/// those; with an unknown or infinite count the epoch never ends and batch `k` of epoch 0 is the
/// `k`-th batch the source gives, across its own epochs.
///
/// ```swift
/// let addressable = try CachedSequentialDataSource(generated, options: BatchOptions(batchSize: 15))
/// var batches = try addressable.batches(BatchOptions(batchSize: 15))
/// ```
public final class CachedSequentialDataSource: DataSource {
    /// The forward-only source.
    public let source: any SequentialDataSource
    /// The options the source is read with; other batch sizes are refused.
    public let options: BatchOptions
    /// How many of the batches read last are kept.
    public let capacity: Int
    private let batchesPerEpoch: Int?
    private let state: Mutex<ReadState>

    private struct ReadState {
        var iterator: SequentialBatchIterator
        var cache: [Int: Batch] = [:]
        var read = 0
    }

    /// - Throws: ``BatchingError/invalidArgument(_:)`` for a capacity below 1.
    public init(_ source: any SequentialDataSource, options: BatchOptions, capacity: Int = 256) throws {
        guard capacity >= 1 else {
            throw BatchingError.invalidArgument(
                "a cache of \(capacity) batches cannot hold the batch on screen; keep at least 1")
        }
        guard options.batchSize >= 1 else { throw BatchingError.invalidBatchSize(options.batchSize) }
        self.source = source
        self.options = options
        self.capacity = capacity
        if case .finite(let count) = try source.sampleCount(options) {
            let size = options.batchSize
            batchesPerEpoch = options.dropLast ? count / size : (count + size - 1) / size
        } else {
            batchesPerEpoch = nil
        }
        state = Mutex(ReadState(iterator: source.sequentialBatches(options, epochs: nil)))
    }

    public func batchCount(_ options: BatchOptions) throws -> Int? {
        try checkOptions(options)
        return batchesPerEpoch
    }

    public func batch(at address: BatchAddress, _ options: BatchOptions) throws -> Batch {
        try checkOptions(options)
        guard address.epoch >= 0, address.batch >= 0,
            batchesPerEpoch.map({ address.batch < $0 }) ?? (address.epoch == 0)
        else {
            throw BatchingError.addressOutOfRange(
                epoch: address.epoch, batch: address.batch, batchCount: batchesPerEpoch)
        }
        let flat = address.epoch * (batchesPerEpoch ?? 0) + address.batch
        var batch = try state.withLock { state in
            if let cached = state.cache[flat] { return cached }
            guard flat >= state.read else {
                throw BatchingError.invalidArgument(
                    "\(address) was read and let go: this data source reads forward only and keeps its last \(capacity) batches"
                )
            }
            while state.read <= flat {
                guard let next = try state.iterator.next() else {
                    throw BatchingError.invalidArgument(
                        "the data source ended after \(state.read) batches, before \(address)\(countNote)")
                }
                if let perEpoch = batchesPerEpoch, next.address.epoch != state.read / perEpoch {
                    throw BatchingError.invalidArgument(
                        "the data source's epoch \(next.address.epoch) began at its batch \(state.read)\(countNote)")
                }
                state.cache[state.read] = next
                state.cache[state.read - capacity] = nil
                state.read += 1
            }
            return state.cache[flat]!
        }
        batch.address = address
        return batch
    }

    public func fingerprint(_ options: BatchOptions) throws -> UInt64 {
        try checkOptions(options)
        return _fingerprint("sequential", UInt64(UInt(bitPattern: ObjectIdentifier(self).hashValue)))
    }

    private var countNote: String {
        batchesPerEpoch.map { ", but its sample count makes \($0) batches an epoch" } ?? ""
    }

    private func checkOptions(_ options: BatchOptions) throws {
        guard options.batchSize == self.options.batchSize, options.dropLast == self.options.dropLast else {
            throw BatchingError.invalidArgument(
                "this forward-only data source is read in batches of \(self.options.batchSize)\(self.options.dropLast ? " dropping the last" : ""); make another for batches of \(options.batchSize)"
            )
        }
    }
}
