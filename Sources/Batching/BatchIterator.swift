/// Walks a data source batch by batch, across epochs, and can jump to any address.
///
/// Seeking costs no more than stepping: the batch at an address is computed from the
/// configuration, not by replaying the batches before it.
public struct BatchIterator: Sendable {
    /// The source being walked.
    public let source: any DataSource
    /// Batch size, order and short-batch handling.
    public let options: BatchOptions
    /// The epoch at which iteration stops (exclusive); `nil` for no end.
    public let endEpoch: Int?
    /// The address of the batch the next call to ``next()`` returns.
    public private(set) var position: BatchAddress
    private let batchesPerEpoch: Int?

    init(source: any DataSource, options: BatchOptions, endEpoch: Int?, start: BatchAddress) throws {
        self.source = source
        self.options = options
        self.endEpoch = endEpoch
        batchesPerEpoch = try source.batchCount(options)
        guard start.epoch >= 0, start.batch >= 0 else {
            throw BatchingError.addressOutOfRange(epoch: start.epoch, batch: start.batch, batchCount: batchesPerEpoch)
        }
        position = start
        normalisePosition()
    }

    /// The number of batches in one epoch; `nil` when an epoch never ends.
    public var batchCount: Int? { batchesPerEpoch }

    /// The next batch, or `nil` after the last one.
    public mutating func next() throws -> Batch? {
        if let endEpoch, position.epoch >= endEpoch { return nil }
        if batchesPerEpoch == 0 { return nil }
        let batch = try source.batch(at: position, options)
        position.batch += 1
        normalisePosition()
        return batch
    }

    /// Makes `address` the next batch to return.
    ///
    /// - Throws: ``BatchingError/addressOutOfRange(epoch:batch:batchCount:)`` for a negative
    ///   address or a batch past the end of its epoch.
    public mutating func seek(to address: BatchAddress) throws {
        guard address.epoch >= 0, address.batch >= 0, batchesPerEpoch.map({ address.batch < $0 }) ?? true else {
            throw BatchingError.addressOutOfRange(
                epoch: address.epoch, batch: address.batch, batchCount: batchesPerEpoch)
        }
        position = address
    }

    /// A token of a few integers from which ``DataSource/batches(_:resumingFrom:epochs:)``
    /// continues exactly here.
    public func resumeToken() throws -> ResumeToken {
        ResumeToken(address: position, endEpoch: endEpoch, fingerprint: try source.fingerprint(options))
    }

    private mutating func normalisePosition() {
        if let count = batchesPerEpoch, count > 0, position.batch >= count {
            position = BatchAddress(epoch: position.epoch + 1, batch: 0)
        }
    }
}
