import Synchronization

/// A forward-only source over one sequence of batches, read once (BatchUp's
/// `IteratorDataSource`): every epoch continues the same iterator, and the options, batch size
/// included, are ignored — the batches are already made.
///
/// ```swift
/// let stream = IteratorDataSource([[Tensor([1, 2] as [Int64])], [Tensor([3] as [Int64])]])
/// var batches = stream.sequentialBatches(BatchOptions(batchSize: 2))
/// ```
public struct IteratorDataSource: SequentialDataSource {
    private let shared: SharedBatchIterator
    private let count: SampleCount

    /// A source over `batches`, holding `sampleCount` samples.
    ///
    /// The sequence is handed over (`sending`: the caller cannot keep using it) because its
    /// iterator is read, under a lock, from whichever thread reads the source; and its iterator's
    /// conformance must not be isolated to an actor (`SendableMetatype`), since `next()` is called
    /// from those threads too.
    public init<Batches: Sequence<[Tensor]>>(_ batches: sending Batches, sampleCount: SampleCount = .unknown)
    where Batches.Iterator: SendableMetatype {
        shared = SharedBatchIterator(batches.makeIterator())
        count = sampleCount
    }

    public func sampleCount(_ options: BatchOptions) throws -> SampleCount { count }

    public func makeBatchStream(_ options: BatchOptions, epoch: Int) throws -> SequentialBatchStream {
        SequentialBatchStream { [shared] in shared.next() }
    }
}

/// One iterator that every stream of an ``IteratorDataSource`` reads, one batch at a time.
private final class SharedBatchIterator: Sendable {
    private let iterator: Mutex<any IteratorProtocol<[Tensor]>>

    init(_ iterator: sending any IteratorProtocol<[Tensor]>) {
        self.iterator = Mutex(iterator)
    }

    func next() -> [Tensor]? { iterator.withLock { $0.next() } }
}
