import Batching
import Dispatch
import Synchronization

/// Reads the batch the user will most likely ask for next on a background thread, while the
/// current one is on screen, so that `n` finds it ready.
///
/// Each address is read at most once; a request for an address still being read waits for that
/// read instead of starting another.
///
/// ```swift
/// prefetcher.start(BatchAddress(epoch: 0, batch: 1), source: source, options: options, clock: clock)
/// let ready = prefetcher.take(BatchAddress(epoch: 0, batch: 1))   // waits if still reading
/// ```
final class BatchPrefetcher: Sendable {
    /// A read: the batch (or the error), how long it took, and how long converting its images
    /// to float32 took (the "decode" stage, timed here so that it is off the key's path).
    struct Read: Sendable {
        var result: Result<Batch, any Error>
        var nanoseconds: UInt64
        var decode: (nanoseconds: UInt64, bytes: Int)?
        /// The read's own decoded-chunk cache look-ups.
        var chunkLookups: ChunkLookups?
    }

    private struct Entry: Sendable {
        var group: DispatchGroup
        var read: Read?
    }

    private let entries = Mutex<[BatchAddress: Entry]>([:])
    /// Batches no longer kept, whose buffers the next reads write into (a whole-file batch is
    /// tens of megabytes: reading into fresh memory makes the kernel zero all of it first).
    private let spares = Mutex<[Batch]>([])
    /// The most batches ``spares`` keeps: one dropped by the loader and one read ahead unused.
    static let spareLimit = 2
    private let queue = DispatchQueue(label: "batchview.prefetch", qos: .userInitiated)
    /// The prefetch thread's own scratch for timing the conversion.
    private let conversion = ScratchConversion()

    /// Starts reading `address` unless it is already read or being read; forgets other addresses.
    func start(
        _ address: BatchAddress, source: any DataSource, options: BatchOptions, clock: @escaping @Sendable () -> UInt64
    ) {
        let group = DispatchGroup()
        let started = entries.withLock { entries -> Bool in
            guard entries[address] == nil else { return false }
            entries[address] = Entry(group: group, read: nil)
            return true
        }
        reclaimFinished(except: address) // reads in flight stay; finished ones unused become spares
        guard started else { return }
        group.enter()
        queue.async { [self] in
            let begin = clock()
            let recorder = StageRecorder()
            let result = Result { try recorder.recording { try self.read(address, source: source, options: options) } }
            let readEnd = clock()
            var finished = Read(result: result, nanoseconds: readEnd &- begin, chunkLookups: recorder.chunkLookups)
            if case .success(let batch) = result, let images = batch.columns.first {
                let bytes = conversion.convert(images)
                finished.decode = (clock() &- readEnd, bytes)
            }
            entries.withLock { $0[address]?.read = finished }
            group.leave()
        }
    }

    /// Keeps `batch`, which the caller no longer needs, for a later read to write into (the
    /// oldest spare goes when there are more than ``spareLimit``).
    func recycle(_ batch: Batch) {
        spares.withLock { spares in
            spares.append(batch)
            if spares.count > Self.spareLimit { spares.removeFirst() }
        }
    }

    /// Makes the finished reads nobody took (other than `kept`'s) spares.
    private func reclaimFinished(except kept: BatchAddress?) {
        let unused = entries.withLock { entries -> [Batch] in
            let finished = entries.filter { $0.key != kept && $0.value.read != nil }
            for address in finished.keys { entries[address] = nil }
            return finished.values.compactMap { try? $0.read?.result.get() }
        }
        unused.forEach(recycle)
    }

    /// The batch at `address`, read into a spare batch's buffers when the source can write into
    /// them; a spare still shown elsewhere is left for later (writing it would copy it first).
    func read(_ address: BatchAddress, source: any DataSource, options: BatchOptions) throws -> Batch {
        guard let reusing = source as? any BufferReusingDataSource else {
            return try source.batch(at: address, options)
        }
        // The only reference once taken, so it is written in place; failing a spare, a read ahead
        // nobody took is one.
        var buffers = takeSpareHeldAlone()
        if buffers == nil {
            reclaimFinished(except: nil)
            buffers = takeSpareHeldAlone()
        }
        try reusing.batch(at: address, options, reusing: &buffers)
        guard let batch = buffers else { return try source.batch(at: address, options) }
        return batch
    }

    /// A spare whose tensors no one else holds, removed from the spares; `nil` when there is none.
    private func takeSpareHeldAlone() -> Batch? {
        spares.withLock { spares in
            for index in spares.indices.reversed()
            where spares[index].columns.indices.allSatisfy({ spares[index].columns[$0].holdsStorageAlone() }) {
                return spares.remove(at: index)
            }
            return nil
        }
    }

    /// Whether the read of `address` has finished and is not taken yet.
    func hasFinished(_ address: BatchAddress) -> Bool { entries.withLock { $0[address]?.read != nil } }

    /// The read of `address` if one was started (waiting for it to finish), else `nil`.
    func take(_ address: BatchAddress) -> Read? {
        guard let group = entries.withLock({ $0[address]?.group }) else { return nil }
        group.wait()
        return entries.withLock { $0.removeValue(forKey: address)?.read }
    }

    /// Bytes held by finished reads not taken yet and by the spare batches.
    var heldBytes: Int {
        let spareBytes = spares.withLock { $0.reduce(0) { $0 + $1.columns.reduce(0) { $0 + $1.byteCount } } }
        return spareBytes
            + entries.withLock { entries in
                entries.values.reduce(0) { total, entry in
                    guard case .success(let batch)? = entry.read?.result else { return total }
                    return total + batch.columns.reduce(0) { $0 + $1.byteCount }
                }
            }
    }
}
