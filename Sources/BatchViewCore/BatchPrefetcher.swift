import Batching
import Dispatch
import Foundation
import Synchronization

/// Reads the batches the user will most likely ask for next on a background thread, while the
/// current one is on screen, so that `n`, `p` or `N` find theirs ready.
///
/// Each wanted address is read at most once, in order of how likely it is: the most wanted one
/// not read yet starts at once, even beside a read started earlier (so that a read for `n`
/// never waits behind one for `N`), the others one at a time, each once those before it are
/// done (so that guesses do not take the cores from the likeliest read); a request for an
/// address still being read waits for that read instead of starting another. Reads no longer
/// wanted become spares (their buffers are what the next reads write into), so it holds at most
/// the wanted reads, a read in flight that stopped being wanted, and ``spareLimit`` spares.
///
/// ```swift
/// prefetcher.readAhead([BatchAddress(epoch: 0, batch: 1)], source: source, options: options, clock: clock)
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
        /// The rows of the images with a NaN or infinite value (scanned here, off the key's path).
        var nonFiniteRows: [Int]?
        /// The grid's previews of the rows of the page on screen, drawn here (``requestPreviews(_:)``).
        var previews = PreviewCache()

        /// The batch read, `nil` when the read failed.
        var batch: Batch? { try? result.get() }
    }

    /// The previews each read draws: those of the page on screen, and the images' layout.
    struct PreviewOrder: Sendable, Hashable {
        var request: PreviewCache.Request
        var layout: ImageLayout
    }

    /// The reads asked for: read, being read or queued.
    private let reads = ReadAheadTable<Read>()
    /// Batches no longer kept, whose buffers the next reads write into (a whole-file batch is
    /// tens of megabytes: reading into fresh memory makes the kernel zero all of it first).
    private let spares = SpareBuffers<Batch>(limit: BatchPrefetcher.spareLimit)
    /// The most batches ``spares`` keeps: one, as the reads ahead and the raw reads kept make
    /// most of what a whole-file batch costs in memory already.
    static let spareLimit = 1
    /// Reads at the same time at most.
    static let readers = 2
    private let queue = DispatchQueue(label: "batchview.prefetch", qos: .userInitiated, attributes: .concurrent)
    /// Every read started so far (``waitForReads()``).
    private let allReads = DispatchGroup()
    /// The prefetch thread's own scratch for timing the conversion.
    private let conversion = ScratchConversion()
    /// The previews each read ahead draws once read.
    private let previewOrder = Mutex<PreviewOrder?>(nil)

    /// Reads `addresses` ahead, in that order, unless already read or being read; reads of other
    /// addresses are forgotten: finished ones and those still queued at once (finished ones become
    /// spares), the one being read when it finishes.
    func readAhead(
        _ addresses: [BatchAddress], source: any DataSource, options: BatchOptions,
        clock: @escaping @Sendable () -> UInt64
    ) {
        let (forgotten, started) = reads.ask(addresses.map { ($0, nil) })
        forgotten.compactMap(\.batch).forEach(recycle)
        guard !started.isEmpty else { return }
        // A reader that goes on with the next read each time one ends, while one may start, on
        // a thread of its own below the key's path (``BackgroundPriority``).
        allReads.enter()
        Thread { [self] in
            BackgroundPriority.lowerThisThread()
            while let (address, id, group) = reads.beginFirstQueued(whileFewerThan: Self.readers) {
                let read = timedRead(address, source: source, options: options, clock: clock)
                if let unwanted = reads.finish(address, id: id, with: read), let batch = unwanted.batch {
                    recycle(batch) // no longer wanted: its buffers are for the next read
                }
                group.leave()
            }
            allReads.leave()
        }.start()
    }

    /// Reads `address` and times the read, the conversion of its images and their NaN scan.
    private func timedRead(
        _ address: BatchAddress, source: any DataSource, options: BatchOptions, clock: () -> UInt64
    ) -> Read {
        let begin = clock()
        let recorder = StageRecorder()
        let result = Result { try recorder.recording { try read(address, source: source, options: options) } }
        var finished = Read(result: result, nanoseconds: clock() &- begin, chunkLookups: recorder.chunkLookups)
        if case .success(let batch) = result, let images = batch.columns.first {
            finished.decode = conversion.timed(images, clock: clock)
            finished.nonFiniteRows = NonFiniteRows.find(in: images)
            if let order = previewOrder.withLock({ $0 }) {
                finished.previews.fill(order.request, images: images, layout: order.layout)
            }
        }
        return finished
    }

    /// Has every read ahead draw the previews of `order` (none when `nil`); when it changed, the
    /// reads finished already draw them too, in the background.
    func requestPreviews(_ order: PreviewOrder?) {
        let changed = previewOrder.withLock { current -> Bool in
            defer { current = order }
            return current != order
        }
        guard changed, let order else { return }
        let finished = reads.finishedValues.compactMap { read -> (Tensor, PreviewCache)? in
            guard let images = read.batch?.columns.first else { return nil }
            return (images, read.previews)
        }
        for (images, previews) in finished {
            queue.async(group: allReads) { previews.fill(order.request, images: images, layout: order.layout) }
        }
    }

    /// Keeps `batch`, which the caller no longer needs, for a later read to write into (the
    /// oldest spare goes when there are more than ``spareLimit``).
    func recycle(_ batch: Batch) { spares.keep([batch]) }

    /// The batch at `address`, read into a spare batch's buffers when the source can write into
    /// them; a spare still shown elsewhere is left for later (writing it would copy it first).
    func read(_ address: BatchAddress, source: any DataSource, options: BatchOptions) throws -> Batch {
        guard let reusing = source as? any BufferReusingDataSource else {
            return try source.batch(at: address, options)
        }
        // The only reference once taken, so it is written in place.
        var buffers = spares.take { spare in spare.columns.indices.allSatisfy { spare.columns[$0].holdsStorageAlone() }
        }
        try reusing.batch(at: address, options, reusing: &buffers)
        guard let batch = buffers else { return try source.batch(at: address, options) }
        return batch
    }

    /// Whether the read of `address` has finished and is not taken yet.
    func hasFinished(_ address: BatchAddress) -> Bool { reads.hasFinished(address) }

    /// Whether `address` is queued, being read, or read and not taken yet.
    func holdsEntry(_ address: BatchAddress) -> Bool { reads.holds(address) }

    /// The read of `address` if it has started (waiting for it to finish), else `nil`: a read
    /// still queued behind others is forgotten, as reading it now is sooner than waiting.
    func take(_ address: BatchAddress) -> Read? { reads.take(address, rows: nil) }

    /// Waits until every read started so far has finished (tests).
    func waitForReads() { allReads.wait() }

    /// Bytes held by finished reads not taken yet and by the spare batches.
    var heldBytes: Int {
        let spareBytes = spares.total { $0.columns.reduce(0) { $0 + $1.byteCount } }
        return spareBytes
            + reads.finishedValues.reduce(0) { total, read in
                total + (read.batch?.columns.reduce(0) { $0 + $1.byteCount } ?? 0)
            }
    }
}
