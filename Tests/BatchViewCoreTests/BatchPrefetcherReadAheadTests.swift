import Batching
import Dispatch
import Testing

@testable import BatchViewCore

/// The prefetcher reads several batches ahead, in order, serves each as the source reads it,
/// scans each for NaN and infinite values off the key's path, and lets go of reads no longer
/// wanted.
@Suite struct BatchPrefetcherReadAheadTests {
    let source: ArrayDataSource
    let options = BatchOptions(batchSize: 4)
    /// Rows holding a value that is not finite: NaN, +Inf and -Inf.
    static let nonFinite: [Int: Float] = [1: .nan, 6: .infinity, 13: -.infinity]

    init() throws {
        var values = (0..<(16 * 6)).map { Float($0) / 7 }
        for (row, value) in Self.nonFinite { values[row * 6 + 5] = value }
        source = try ArrayDataSource([Tensor(shape: [16, 2, 3], scalars: values), Tensor((0..<16).map { Int64($0) })])
    }

    func address(_ batch: Int) -> BatchAddress { BatchAddress(epoch: 0, batch: batch) }

    @Test func eachWantedReadIsTheSourcesBatchWithItsNonFiniteRowsScanned() throws {
        let prefetcher = BatchPrefetcher()
        prefetcher.readAhead([address(2), address(0), address(1)], source: source, options: options, clock: { 0 })
        prefetcher.waitForReads()
        for batch in [0, 1, 2] {
            let read = try #require(prefetcher.take(address(batch)))
            let truth = try source.batch(at: address(batch), options)
            let got = try read.result.get()
            #expect(got.columns == truth.columns)
            #expect(got.indices == truth.indices)
            let rows = Self.nonFinite.keys.filter { truth.indices.contains($0) }.map {
                truth.indices.firstIndex(of: $0)!
            }
            #expect(read.nonFiniteRows == rows.sorted())
            #expect(read.nonFiniteRows == NonFiniteRows.find(in: truth.columns[0]))
            #expect(read.decode?.bytes == truth.columns[0].elementCount * 4)
        }
        #expect(prefetcher.take(address(3)) == nil, "batch 3 was never wanted")
    }

    @Test func readsNoLongerWantedAreLetGoAndTheWantedKept() throws {
        let prefetcher = BatchPrefetcher()
        prefetcher.readAhead([address(0), address(1)], source: source, options: options, clock: { 0 })
        prefetcher.waitForReads()
        prefetcher.readAhead([address(1), address(2)], source: source, options: options, clock: { 0 })
        prefetcher.waitForReads()
        #expect(!prefetcher.hasFinished(address(0)))
        #expect(prefetcher.hasFinished(address(1)))
        #expect(prefetcher.hasFinished(address(2)))
        #expect(prefetcher.take(address(0)) == nil)
        #expect(
            try prefetcher.take(address(1))?.result.get().columns == (try source.batch(at: address(1), options)).columns
        )
        #expect(
            try prefetcher.take(address(2))?.result.get().columns == (try source.batch(at: address(2), options)).columns
        )
    }

    /// A read that stops being wanted while it is being read, and is wanted again before it
    /// ends, is kept (not made a spare) and served.
    @Test func aReadWantedAgainWhileBeingReadIsKept() throws {
        let gate = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let slow = GatedSource(base: source, gate: gate, started: started)
        let prefetcher = BatchPrefetcher()
        prefetcher.readAhead([address(1)], source: slow, options: options, clock: { 0 })
        started.wait() // batch 1 is being read
        prefetcher.readAhead([], source: slow, options: options, clock: { 0 })
        prefetcher.readAhead([address(1)], source: slow, options: options, clock: { 0 })
        gate.signal()
        prefetcher.waitForReads()
        #expect(prefetcher.hasFinished(address(1)))
        #expect(
            try prefetcher.take(address(1))?.result.get().columns == (try source.batch(at: address(1), options)).columns
        )
    }

    @Test func aLoadedBatchGivenTheScannedRowsMatchesOneThatScansItself() throws {
        let truth = try source.batch(at: address(1), options)
        let timing = BatchTiming(samples: 4, stages: StageTimes(), finishedAt: 0)
        let scanning = LoadedBatch(
            address: address(1), slice: 0, sliceCount: 1, indices: truth.indices, images: truth.columns[0],
            labelTensor: truth.columns[1], preprocessed: nil, timing: timing)
        let given = LoadedBatch(
            address: address(1), slice: 0, sliceCount: 1, indices: truth.indices, images: truth.columns[0],
            labelTensor: truth.columns[1], preprocessed: nil, timing: timing,
            rawNonFiniteRows: NonFiniteRows.find(in: truth.columns[0]))
        #expect(scanning.nonFiniteRows == [2])
        #expect(given.nonFiniteRows == scanning.nonFiniteRows)
    }
}

/// The grid's preview cache keeps what it drew, draws each once, and is bounded.
@Suite struct PreviewCacheTests {
    func image(_ side: Int) -> DisplayImage {
        DisplayImage(width: side, height: side, channels: 1, values: Array(repeating: 0.5, count: side * side))
    }

    @Test func eachPreviewIsDrawnOnceAndTheCacheIsBounded() {
        let cache = PreviewCache()
        var draws = 0
        let key = PreviewCache.Key(row: 3, width: 8, height: 8, scaling: .fixed, channel: 0)
        for _ in 0..<3 {
            #expect(
                cache.image(key) {
                    draws += 1
                    return image(8)
                } == image(8))
        }
        #expect(draws == 1)
        #expect(
            cache.image(PreviewCache.Key(row: 3, width: 8, height: 8, scaling: .stretch, channel: 0)) {
                draws += 1
                return image(8)
            } == image(8))
        #expect(draws == 2, "another scaling is another preview")
        let side = 256 // 65,536 values a preview
        for row in 0..<40 {
            _ = cache.image(PreviewCache.Key(row: row, width: side, height: side, scaling: .fixed, channel: 0)) {
                image(side)
            }
            #expect(cache.valueCount <= PreviewCache.valueLimit)
        }
        // Started over once past the limit: only large previews are left, within it.
        #expect(cache.count > 0)
        #expect(cache.count * side * side <= PreviewCache.valueLimit)
    }
}

/// A page's previews adopted by the whole batch's cache are found there, not drawn again; its
/// own are kept.
@Suite struct PreviewCacheAdoptionTests {
    @Test func adoptedPreviewsAreFoundAndTheCachesOwnKept() {
        func image(_ value: Float) -> DisplayImage {
            DisplayImage(width: 2, height: 2, channels: 1, values: Array(repeating: value, count: 4))
        }
        let page = PreviewCache()
        let whole = PreviewCache()
        let shared = PreviewCache.Key(row: 1, width: 2, height: 2, scaling: .fixed, channel: 0)
        let pageOnly = PreviewCache.Key(row: 2, width: 2, height: 2, scaling: .fixed, channel: 0)
        _ = page.image(shared) { image(0.25) }
        _ = page.image(pageOnly) { image(0.5) }
        _ = whole.image(shared) { image(0.75) }
        whole.adopt(page)
        var draws = 0
        #expect(
            whole.image(pageOnly) {
                draws += 1
                return image(1)
            } == image(0.5))
        #expect(whole.image(shared) { image(1) } == image(0.75), "its own preview is kept")
        #expect(draws == 0)
        #expect(whole.count == 2)
        #expect(whole.valueCount == 8)
    }
}

/// A source whose reads announce themselves and then wait for a gate to open.
struct GatedSource: DataSource {
    let base: ArrayDataSource
    let gate: DispatchSemaphore
    let started: DispatchSemaphore

    func batchCount(_ options: BatchOptions) throws -> Int? { try base.batchCount(options) }
    func fingerprint(_ options: BatchOptions) throws -> UInt64 { try base.fingerprint(options) }
    func sampleCount(_ options: BatchOptions) throws -> SampleCount { try base.sampleCount(options) }
    func batch(at address: BatchAddress, _ options: BatchOptions) throws -> Batch {
        started.signal()
        gate.wait()
        return try base.batch(at: address, options)
    }
}
