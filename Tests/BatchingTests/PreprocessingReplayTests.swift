import Testing

@testable import Batching

@Suite struct PreprocessingReplayTests {
    let options = BatchOptions(batchSize: 16, order: .shuffled(seed: 77))

    func chain() throws -> any Preprocessor {
        try PreprocessSpec("crop:6,flip:hv,normalize:range=-1..1").makePreprocessor()
    }

    @Test func theSameAddressGivesTheSameBytesForwardsBackwardsAndAfterResume() throws {
        let source = try PreprocessingTestData.imageSource(count: 64, height: 8, width: 8, channels: 3)
        var forward = try SliceGenerator(source: source, options: options, preprocessor: try chain(), epochs: 2)
        var slices = [SliceAddress: [UInt8]]()
        while let slice = try forward.next() { slices[slice.address] = PreprocessingTestData.bytes(slice.images) }
        #expect(slices.count == 8)
        // Backwards, by seeking, in a fresh generator.
        var backward = try SliceGenerator(source: source, options: options, preprocessor: try chain(), epochs: 2)
        for address in slices.keys.sorted().reversed() {
            try backward.seek(to: address)
            let slice = try backward.next()!
            #expect(slice.address == address)
            #expect(PreprocessingTestData.bytes(slice.images) == slices[address])
        }
        // Resumed from a token in the middle.
        var batches = try source.batches(options, epochs: 2)
        _ = try batches.next()
        _ = try batches.next()
        _ = try batches.next()
        let token = try batches.resumeToken()
        var resumed = try source.batches(options, resumingFrom: token)
        let pre = try chain()
        while let batch = try resumed.next() {
            let slice = try pre.allSlices(of: try BatchSlice(batch: batch, seed: 77))[0]
            #expect(PreprocessingTestData.bytes(slice.images) == slices[SliceAddress(batch.address)])
        }
        // Different epochs see different augmentations of their batches.
        #expect(slices[SliceAddress(epoch: 0, batch: 0)] != slices[SliceAddress(epoch: 1, batch: 0)])
    }

    @Test func seekingIntoTheMiddleOfABatchOfWindowsReplaysThatWindow() throws {
        let source = try PreprocessingTestData.sequences(count: 8, steps: 50)
        let pre = try TimeseriesPreprocessor(windowSize: 20, slideSize: 10)
        var generator = try SliceGenerator(source: source, options: options, preprocessor: pre)
        var all = [BatchSlice]()
        while let slice = try generator.next() { all.append(slice) }
        try generator.seek(to: SliceAddress(epoch: 0, batch: 0, slice: 2))
        let again = try generator.next()!
        #expect(again.images == all[2].images && again.origin == all[2].origin)
        #expect(try generator.next()!.address == SliceAddress(epoch: 0, batch: 0, slice: 3))
        #expect(throws: PreprocessingError.self) { try generator.seek(to: SliceAddress(epoch: 0, batch: 0, slice: 4)) }
    }

    @Test func rawBesideAugmentedWithOriginsAndTimes() throws {
        let source = try PreprocessingTestData.imageSource(count: 32, height: 8, width: 8)
        let view = try source.preprocessedBatch(
            at: BatchAddress(epoch: 1, batch: 1), options,
            preprocessor: RandomCrop(size: 5), seed: 77)
        #expect(view.raw.columns[0].shape == [16, 8, 8])
        #expect(view.slices.count == 1 && view.slices[0].images.shape == [16, 5, 5])
        #expect(view.slices[0].origin.samples.count == 16)
        #expect(view.times.read >= 0 && view.times.preprocess >= 0)
        #expect(view.times.bytesRead == 16 * 64 + 16 * 8)
        let again = try source.preprocessedBatch(
            at: BatchAddress(epoch: 1, batch: 1), options,
            preprocessor: RandomCrop(size: 5), seed: 77)
        #expect(again.slices[0].images == view.slices[0].images)
        let otherSeed = try source.preprocessedBatch(
            at: BatchAddress(epoch: 1, batch: 1), options,
            preprocessor: RandomCrop(size: 5), seed: 78)
        #expect(otherSeed.slices[0].origin != view.slices[0].origin)
    }
}

extension PreprocessingReplayTests {
    @Test func slicesStackForDumping() throws {
        let source = try PreprocessingTestData.sequences(count: 4, steps: 30)
        let view = try source.preprocessedBatch(
            at: BatchAddress(epoch: 0, batch: 0), BatchOptions(batchSize: 4),
            preprocessor: try TimeseriesPreprocessor(windowSize: 10, slideSize: 10), seed: 0)
        let stacked = try view.stackedSliceImages()
        #expect(stacked.shape == [3, 4, 10, 2])
        let values = stacked.scalars(as: Float.self)
        // slice s, row i, step t, feature f = 1000·i + 10·(10s + t) + f
        #expect(values[((2 * 4 + 1) * 10 + 3) * 2 + 1] == Float(1000 * 1 + 10 * 23 + 1))
        let single = try source.preprocessedBatch(
            at: BatchAddress(epoch: 0, batch: 0), BatchOptions(batchSize: 4),
            preprocessor: nil, seed: 0)
        #expect(try single.stackedSliceImages() == single.raw.columns[0])
    }
}
