/// How many samples a source that reads forward holds: BatchUp's `num_samples()` of `None`, an
/// int or `np.inf`.
public enum SampleCount: Sendable, Hashable {
    case unknown
    case finite(Int)
    case infinite
}

/// A source whose batches can only be read forward, one epoch at a time (BatchUp's
/// `CallableDataSource` and `IteratorDataSource`): generated data, a stream, a Python-style
/// generator. It has no addresses to jump to; ``SequentialBatchIterator`` walks it and refuses to
/// seek.
public protocol SequentialDataSource: Sendable {
    /// The number of samples in one epoch under `options`, when the source knows it.
    func sampleCount(_ options: BatchOptions) throws -> SampleCount

    /// The batches of epoch `epoch` under `options`, each as its columns, in order.
    func makeBatchStream(_ options: BatchOptions, epoch: Int) throws -> SequentialBatchStream
}

/// The batches of one epoch of a ``SequentialDataSource``, read one at a time.
public struct SequentialBatchStream {
    private let nextColumns: () throws -> [Tensor]?

    /// A stream that calls `next` for every batch until it returns `nil`.
    public init(_ next: @escaping () throws -> [Tensor]?) {
        nextColumns = next
    }

    /// A stream over `iterator`'s batches.
    public init(_ iterator: some IteratorProtocol<[Tensor]>) {
        var iterator = iterator
        nextColumns = { iterator.next() }
    }

    /// The next batch's columns, or `nil` at the end of the epoch.
    public func next() throws -> [Tensor]? { try nextColumns() }
}

extension BatchIterator {
    /// The iterator's remaining batches as a stream of columns, for a ``CallableDataSource``
    /// that draws on an array source.
    public func columnStream() -> SequentialBatchStream {
        var iterator = self
        return SequentialBatchStream { try iterator.next()?.columns }
    }
}

extension SequentialDataSource {
    /// An iterator over the batches of `epochs` epochs (`nil`: until the source runs dry).
    public func sequentialBatches(_ options: BatchOptions, epochs: Int? = 1) -> SequentialBatchIterator {
        SequentialBatchIterator(source: self, options: options, endEpoch: epochs)
    }
}

/// Walks a ``SequentialDataSource`` forward, epoch after epoch; batches carry their address but
/// no sample indices.
///
/// Copies of the iterator share the epoch's stream: keep one.
public struct SequentialBatchIterator {
    /// The source being walked.
    public let source: any SequentialDataSource
    /// The options every epoch's stream is made with.
    public let options: BatchOptions
    /// The epoch at which iteration stops (exclusive); `nil` for no end.
    public let endEpoch: Int?
    /// The address of the batch the next call to ``next()`` returns.
    public private(set) var position = BatchAddress(epoch: 0, batch: 0)
    private var stream: SequentialBatchStream?

    init(source: any SequentialDataSource, options: BatchOptions, endEpoch: Int?) {
        self.source = source
        self.options = options
        self.endEpoch = endEpoch
    }

    /// The next batch, or `nil` after the last epoch (or an epoch that yields no batch at all).
    public mutating func next() throws -> Batch? {
        while endEpoch.map({ position.epoch < $0 }) ?? true {
            if stream == nil { stream = try source.makeBatchStream(options, epoch: position.epoch) }
            if let columns = try stream?.next() {
                defer { position.batch += 1 }
                return Batch(address: position, indices: [], columns: columns)
            }
            stream = nil
            guard position.batch > 0 else { return nil }
            position = BatchAddress(epoch: position.epoch + 1, batch: 0)
        }
        return nil
    }

    /// Refuses to move anywhere but where the iterator already is: the source reads forward only.
    ///
    /// - Throws: ``BatchingError/invalidArgument(_:)`` for any other address.
    public mutating func seek(to address: BatchAddress) throws {
        guard address == position else {
            throw BatchingError.invalidArgument(
                "this data source reads its batches forward only, so it cannot jump to \(address) from \(position); step forward instead"
            )
        }
    }
}
