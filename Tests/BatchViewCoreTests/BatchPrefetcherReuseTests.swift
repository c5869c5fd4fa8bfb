import Batching
import Foundation
import Testing

@testable import BatchViewCore

/// The inspector's reads write into the buffers of a batch it no longer keeps, and never into
/// one still shown.
@Suite struct BatchPrefetcherReuseTests {
    let source: ArrayDataSource
    let options = BatchOptions(batchSize: 16)

    init() throws {
        let images = Tensor(shape: [64, 5, 5], scalars: (0..<(64 * 25)).map { UInt8(truncatingIfNeeded: $0 * 7) })
        source = try ArrayDataSource([images, Tensor((0..<64).map { Int64($0 % 10) })])
    }

    func address(_ batch: Int) -> BatchAddress { BatchAddress(epoch: 0, batch: batch) }

    static func imageAddress(_ batch: Batch) -> Int {
        batch.columns[0].withUnsafeBytes { Int(bitPattern: $0.baseAddress) }
    }

    @Test func aRecycledBatchIsReadIntoInPlace() throws {
        let prefetcher = BatchPrefetcher()
        var first: Batch? = try prefetcher.read(address(0), source: source, options: options)
        let buffer = Self.imageAddress(first!)
        prefetcher.recycle(first.take()!)
        let second = try prefetcher.read(address(1), source: source, options: options)
        #expect(second.columns == (try source.batch(at: address(1), options)).columns)
        #expect(second.indices == (try source.batch(at: address(1), options)).indices)
        #expect(Self.imageAddress(second) == buffer, "the spare's image buffer was written in place")
    }

    @Test func aRecycledBatchStillShownIsNotOverwritten() throws {
        let prefetcher = BatchPrefetcher()
        let shown = try prefetcher.read(address(2), source: source, options: options)
        prefetcher.recycle(shown)
        let next = try prefetcher.read(address(3), source: source, options: options)
        #expect(shown.columns == (try source.batch(at: address(2), options)).columns)
        #expect(next.columns == (try source.batch(at: address(3), options)).columns)
        #expect(Self.imageAddress(next) != Self.imageAddress(shown))
    }

    // The spares pool: a spare still shown is kept for later, a read ahead nobody took becomes a
    // spare, and the spares are bounded.

    @Test func aSpareStillShownIsUsedOnceItIsLetGo() throws {
        let prefetcher = BatchPrefetcher()
        var shown: Batch? = try prefetcher.read(address(0), source: source, options: options)
        let buffer = Self.imageAddress(shown!)
        prefetcher.recycle(shown!)
        let whileShown = try prefetcher.read(address(1), source: source, options: options)
        #expect(Self.imageAddress(whileShown) != buffer, "a shown batch is not written")
        #expect(shown!.columns == (try source.batch(at: address(0), options)).columns)
        shown = nil
        let afterwards = try prefetcher.read(address(2), source: source, options: options)
        #expect(Self.imageAddress(afterwards) == buffer)
        #expect(afterwards.columns == (try source.batch(at: address(2), options)).columns)
    }

    @Test func aReadAheadNoLongerWantedBecomesASpare() throws {
        let prefetcher = BatchPrefetcher()
        var recycled: Batch? = try source.batch(at: address(0), options)
        let buffer = Self.imageAddress(recycled!)
        prefetcher.recycle(recycled.take()!)
        prefetcher.readAhead([address(1)], source: source, options: options, clock: { 0 }) // into batch 0's buffers
        prefetcher.waitForReads()
        #expect(prefetcher.hasFinished(address(1)))
        // Batch 1 is no longer wanted: the next read, with no spare left, writes into its buffers.
        prefetcher.readAhead([], source: source, options: options, clock: { 0 })
        let third = try prefetcher.read(address(3), source: source, options: options)
        #expect(Self.imageAddress(third) == buffer)
        #expect(third.columns == (try source.batch(at: address(3), options)).columns)
        #expect(prefetcher.take(address(1)) == nil, "the unused read was made a spare")
    }

    @Test func theSparesAreBounded() throws {
        let prefetcher = BatchPrefetcher()
        for batch in 0..<4 { prefetcher.recycle(try source.batch(at: address(batch), options)) }
        let one = try source.batch(at: address(0), options).columns.reduce(0) { $0 + $1.byteCount }
        #expect(prefetcher.heldBytes == BatchPrefetcher.spareLimit * one)
    }
}
