import Foundation
import Synchronization
import Testing

@testable import Batching

@Suite struct PipelinePrefetchTests {
    let options = BatchOptions(batchSize: 10, order: .shuffled(seed: 2024))

    func augmenter() throws -> any Preprocessor { try PreprocessSpec("crop:5,flip:hv,normalize").makePreprocessor() }

    func bytes(of batches: PrefetchIterator<PreprocessedBatch>) throws -> [[UInt8]] {
        var out = [[UInt8]]()
        while let batch = try batches.next() {
            out.append(
                PreprocessingTestData.bytes(batch.raw.columns[0]) + PreprocessingTestData.bytes(batch.slices[0].images)
                    + batch.raw.indices.flatMap { withUnsafeBytes(of: $0) { Array($0) } })
        }
        return out
    }

    @Test func everyWorkerCountGivesTheSameBytes() throws {
        let source = try PreprocessingTestData.imageSource(count: 95, height: 8, width: 8, channels: 3)
        // The serial truth, batch by batch, without the pipeline.
        var truth = [[UInt8]]()
        for epoch in 0..<3 {
            for batch in 0..<10 {
                let view = try source.preprocessedBatch(
                    at: BatchAddress(epoch: epoch, batch: batch), options,
                    preprocessor: try augmenter(), seed: 2024)
                truth.append(
                    PreprocessingTestData.bytes(view.raw.columns[0])
                        + PreprocessingTestData.bytes(view.slices[0].images)
                        + view.raw.indices.flatMap { withUnsafeBytes(of: $0) { Array($0) } })
            }
        }
        for workers in [0, 1, 2, 4] {
            for buffer in [1, 3] {
                let batches = try source.prefetchedBatches(
                    options, epochs: 3, workers: workers, buffer: buffer,
                    preprocessor: try augmenter())
                #expect(try bytes(of: batches) == truth, "workers \(workers), buffer \(buffer)")
            }
        }
    }

    @Test func seekingBackReplaysAndRestartsTheWorkers() throws {
        let source = try PreprocessingTestData.imageSource(count: 60, height: 6, width: 6)
        let batches = try source.prefetchedBatches(
            options, epochs: 2, workers: 2, buffer: 2, preprocessor: try augmenter())
        var seen = [BatchAddress: Tensor]()
        for _ in 0..<8 {
            let b = try batches.next()!
            seen[b.address] = b.slices[0].images
        }
        batches.seek(to: BatchAddress(epoch: 0, batch: 3))
        #expect(batches.position == BatchAddress(epoch: 0, batch: 3))
        let expected = seen.keys.sorted().filter { $0 >= BatchAddress(epoch: 0, batch: 3) }
        for address in expected {
            let b = try batches.next()!
            #expect(b.address == address)
            #expect(b.slices[0].images == seen[address])
        }
        var rest = 0
        while try batches.next() != nil { rest += 1 }
        #expect(expected.count == 5 && rest == 12 - 3 - 5)
    }

    @Test func aFailingSampleReachesTheConsumerOnceWithItsAddress() throws {
        let images = PreprocessingTestData.images(count: 50, height: 4, width: 4)
        let source = try ArrayDataSource([FailingColumn(base: images, failingSample: 37)])
        let sequential = BatchOptions(batchSize: 10)
        for workers in [0, 1, 3] {
            let batches = try source.prefetchedBatches(sequential, epochs: 1, workers: workers, buffer: 2)
            var delivered = [Int]()
            var caught: PipelineError?
            do {
                while let batch = try batches.next() { delivered.append(batch.address.batch) }
            } catch let error as PipelineError {
                caught = error
            }
            #expect(delivered == [0, 1, 2], "workers \(workers)")
            #expect(caught?.address == BatchAddress(epoch: 0, batch: 3))
            #expect(caught?.sampleIndex == 37)
            #expect(caught?.description.contains("sample 37") == true)
            #expect(try batches.next() == nil) // reported once, then the iterator stops
            batches.seek(to: BatchAddress(epoch: 0, batch: 1))
            #expect(try batches.next()?.address == BatchAddress(epoch: 0, batch: 1))
        }
    }

    @Test func noWorkerThreadOutlivesItsIterator() throws {
        weak var watched: Canary?
        let source = try PreprocessingTestData.imageSource(count: 200, height: 4, width: 4)
        do {
            let canary = Canary()
            watched = canary
            let iterator = PrefetchIterator<Batch>(
                sequence: AddressSequence(start: BatchAddress(epoch: 0, batch: 0), batchesPerEpoch: 20, endEpoch: nil),
                workers: 3, buffer: 2
            ) { address, slot in
                _ = canary
                slot = try source.batch(at: address, BatchOptions(batchSize: 10))
            }
            _ = try iterator.next()
            _ = try iterator.next()
            // Leaving the scope drops the iterator mid-stream (endless sequence); its workers must
            // be joined, releasing everything their closures hold.
        }
        #expect(watched == nil)
    }

    @Test func workersStayWithinTheBufferAhead() throws {
        let prepared = Atomic<Int>(0)
        let source = try PreprocessingTestData.imageSource(count: 400, height: 2, width: 2)
        let iterator = PrefetchIterator<Batch>(
            sequence: AddressSequence(start: BatchAddress(epoch: 0, batch: 0), batchesPerEpoch: 40, endEpoch: 1),
            workers: 2, buffer: 3
        ) { address, slot in
            prepared.add(1, ordering: .relaxed)
            slot = try source.batch(at: address, BatchOptions(batchSize: 10))
        }
        waitUntil { prepared.load(ordering: .relaxed) >= 5 }
        #expect(prepared.load(ordering: .relaxed) == 5) // buffer 3 + workers 2 ahead, no more
        _ = try iterator.next()
        #expect(prepared.load(ordering: .relaxed) <= 6) // never past the consumer + 5
        // Workers blocked on the full ring sleep until half of it (2 of 5 places) is free, then
        // fill it again, still no further than 5 ahead of the consumer.
        _ = try iterator.next()
        waitUntil { prepared.load(ordering: .relaxed) >= 7 }
        #expect(prepared.load(ordering: .relaxed) == 7)
        iterator.close()
    }

    @Test func thePoolReusesBatchBuffers() throws {
        let source = try PreprocessingTestData.imageSource(count: 300, height: 8, width: 8)
        for (workers, buffer) in [(0, 1), (2, 2)] {
            let batches = try source.prefetchedBatches(options, epochs: 1, workers: workers, buffer: buffer)
            var addresses = Set<Int>()
            var count = 0
            while let batch = try batches.next() {
                addresses.insert(batch.raw.columns[0].withUnsafeBytes { Int(bitPattern: $0.baseAddress) })
                count += 1
            }
            #expect(count == 30)
            // Buffers alive at once: the pool (buffer + workers + 1) plus the one being read.
            #expect(addresses.count <= buffer + workers + 2, "workers \(workers): \(addresses.count) buffers")
            let (reused, fresh) = batches.poolCounts
            #expect(fresh <= buffer + workers + 2 && reused >= 30 - fresh)
        }
    }
}

extension PipelinePrefetchTests {
    @Test func withoutAPreprocessorTheRawImagesAreTheOnlySliceAndCountedOnce() throws {
        let source = try PreprocessingTestData.imageSource(count: 20, height: 4, width: 4)
        let batches = try source.prefetchedBatches(BatchOptions(batchSize: 10), workers: 1, buffer: 1)
        let batch = try batches.next()!
        #expect(batch.slices.count == 1 && batch.slices[0].images == batch.raw.columns[0])
        #expect(batch.byteCount == 10 * 16 + 10 * 8)
        let cropped = try source.prefetchedBatches(
            BatchOptions(batchSize: 10), workers: 0, buffer: 1,
            preprocessor: RandomCrop(size: 2)
        ).next()!
        #expect(cropped.byteCount == 10 * 16 + 10 * 8 + 10 * 4)
    }
}

/// A column that fails on one sample, as a corrupt record would.
struct FailingColumn: BatchColumn {
    let base: Tensor
    let failingSample: Int
    var rowCount: Int { base.rowCount }
    var dtype: DType { base.dtype }
    var rowShape: [Int] { base.rowShape }
    func gatherRows(_ indices: [Int]) throws -> Tensor {
        if indices.contains(failingSample) {
            throw SampleError(sampleIndex: failingSample, reason: "record \(failingSample) is corrupt")
        }
        return try base.gatherRows(indices)
    }
}

final class Canary: Sendable {}

/// Waits (up to 20 s) for a condition the worker threads will make true.
func waitUntil(_ condition: () -> Bool) {
    for _ in 0..<20_000 {
        if condition() { return }
        usleep(1000)
    }
}

extension PipelinePrefetchTests {
    /// `maxOutputs: 2`: however the consumer's pace and the worker's interleave, no third output
    /// is ever made (whole-file batches of 200 MB each), and every batch still arrives in order.
    @Test func aBoundOnOutputsIsNeverExceeded() throws {
        let sequence = AddressSequence(start: BatchAddress(epoch: 0, batch: 0), batchesPerEpoch: 40, endEpoch: 1)
        for consumerPause in [0, 200] {
            let batches = PrefetchIterator<[Int]>(sequence: sequence, workers: 1, buffer: 1, maxOutputs: 2) {
                address, reused in
                reused = [address.batch] // counted fresh when it arrived nil
            }
            var seen = [Int]()
            while let batch = try batches.next() {
                seen.append(batch[0])
                if consumerPause > 0 { usleep(UInt32(consumerPause)) }
            }
            #expect(seen == Array(0..<40))
            let (reused, fresh) = batches.poolCounts
            #expect(fresh <= 2 && reused + fresh == 40, "pause \(consumerPause) µs: \(fresh) fresh")
        }
    }
}
