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
    /// The most bytes the kept batches may hold (the last batch read is kept whatever its size).
    public let byteLimit: Int
    private let batchesPerEpoch: Int?
    private let state: Mutex<ReadState>

    private struct ReadState {
        var iterator: SequentialBatchIterator
        var cache: [Int: (batch: Batch, firstSample: Int)] = [:]
        var read = 0
        var samplesRead = 0
        var ended = false
        /// The oldest batch kept, and the bytes the kept ones hold.
        var oldestKept = 0
        var keptBytes = 0
    }

    /// - Parameters:
    ///   - capacity: the most batches kept.
    ///   - byteLimit: the most bytes the kept batches hold (the last one read is always kept).
    /// - Throws: ``BatchingError/invalidArgument(_:)`` for a capacity below 1.
    public init(
        _ source: any SequentialDataSource, options: BatchOptions, capacity: Int = 256, byteLimit: Int = .max
    ) throws {
        guard capacity >= 1 else {
            throw BatchingError.invalidArgument(
                "a cache of \(capacity) batches cannot hold the batch on screen; keep at least 1")
        }
        guard options.batchSize >= 1 else { throw BatchingError.invalidBatchSize(options.batchSize) }
        self.source = source
        self.options = options
        self.capacity = capacity
        self.byteLimit = byteLimit
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
        try positionedBatch(at: address, options).batch
    }

    /// The batch at `address` and the position of its first sample among every sample the source
    /// has given (the only sample numbers a forward-only source has): what the inspector shows.
    public func positionedBatch(at address: BatchAddress, _ options: BatchOptions) throws -> (
        batch: Batch, firstSample: Int
    ) {
        try checkOptions(options)
        guard let flat = flatIndex(of: address) else {
            throw BatchingError.addressOutOfRange(
                epoch: address.epoch, batch: address.batch, batchCount: batchesPerEpoch)
        }
        var (batch, firstSample) = try state.withLock { state in
            if let cached = state.cache[flat] { return cached }
            guard flat >= state.read else {
                throw BatchingError.invalidArgument(
                    "\(address) was read and let go: this data source reads forward only and keeps only its last batches (at most \(capacity)\(byteLimitNote))"
                )
            }
            while state.read <= flat {
                guard let next = try state.iterator.next() else {
                    state.ended = true
                    throw BatchingError.invalidArgument(
                        "the data source ended after \(state.read) batches, before \(address)\(countNote)")
                }
                if let perEpoch = batchesPerEpoch, next.address.epoch != state.read / perEpoch {
                    throw BatchingError.invalidArgument(
                        "the data source's epoch \(next.address.epoch) began at its batch \(state.read)\(countNote)")
                }
                state.cache[state.read] = (next, state.samplesRead)
                state.keptBytes += next.columns.reduce(0) { $0 + $1.byteCount }
                state.read += 1
                state.samplesRead += next.count
                while state.oldestKept < state.read - 1,
                    state.read - state.oldestKept > capacity || state.keptBytes > byteLimit
                {
                    let dropped = state.cache.removeValue(forKey: state.oldestKept)
                    state.keptBytes -= dropped?.batch.columns.reduce(0) { $0 + $1.byteCount } ?? 0
                    state.oldestKept += 1
                }
            }
            return state.cache[flat]!
        }
        batch.address = address
        return (batch, firstSample)
    }

    /// What has been read so far: the batches, and whether the source has ended (then `batches`
    /// is all it gives; with a finite sample count, of one epoch).
    public var progress: (batches: Int, ended: Bool) {
        state.withLock { ($0.read, $0.ended) }
    }

    /// Where batch `address` stands among the batches read: ``BatchPosition/kept(firstSample:)``
    /// with the position of its first sample in everything the source has given,
    /// ``BatchPosition/letGo`` once it has been read and dropped, ``BatchPosition/ahead(unread:)``
    /// when it has not been read yet, ``BatchPosition/outOfRange`` when it is none of the source's
    /// batches.
    public func position(of address: BatchAddress) -> BatchPosition {
        guard let flat = flatIndex(of: address) else { return .outOfRange }
        return state.withLock { state in
            if let cached = state.cache[flat] { return .kept(firstSample: cached.firstSample) }
            return flat < state.read ? .letGo : .ahead(unread: flat - state.read)
        }
    }

    /// Where a batch stands in a ``CachedSequentialDataSource``.
    public enum BatchPosition: Sendable, Hashable {
        /// Read and kept; its first sample is the source's sample `firstSample`, counted from its first batch.
        case kept(firstSample: Int)
        /// Read and dropped to make room: it cannot be read again.
        case letGo
        /// Not read yet: reading it reads the `unread` batches before it first (0: it is the next).
        case ahead(unread: Int)
        /// No batch of the source: a negative address, a batch past an epoch's count, or an epoch
        /// other than 0 when the source does not say its length (its batches are one epoch).
        case outOfRange
    }

    public func fingerprint(_ options: BatchOptions) throws -> UInt64 {
        try checkOptions(options)
        return _fingerprint("sequential", UInt64(UInt(bitPattern: ObjectIdentifier(self).hashValue)))
    }

    /// The batch's number among every batch the source gives, when the address is one of its
    /// batches and the number fits an integer.
    private func flatIndex(of address: BatchAddress) -> Int? {
        guard address.epoch >= 0, address.batch >= 0,
            batchesPerEpoch.map({ address.batch < $0 }) ?? (address.epoch == 0)
        else { return nil }
        let (epochStart, overflow) = address.epoch.multipliedReportingOverflow(by: batchesPerEpoch ?? 0)
        let (flat, past) = epochStart.addingReportingOverflow(address.batch)
        return overflow || past ? nil : flat
    }

    private var byteLimitNote: String {
        byteLimit == .max ? "" : " and \(Int(ByteUnits.megabytes(byteLimit).rounded())) MB"
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
