import Testing

@testable import Batching

@Suite struct PreprocessingStateTests {
    @Test func stateFlagsThroughAWholeEpoch() throws {
        // 6 sequences, batch 2 → 3 batches; 40 steps, window 20, slide 10 → 3 slices per batch.
        let source = try PreprocessingTestData.sequences(count: 6, steps: 40)
        let pre = try TimeseriesPreprocessor(windowSize: 20, slideSize: 10)
        var generator = try SliceGenerator(source: source, options: BatchOptions(batchSize: 2), preprocessor: pre)
        #expect(generator.preprocessor.batchExhausted)
        #expect(!generator.preprocessor.batchLoaded)
        var seen = [SliceAddress]()
        while let slice = try generator.next() {
            seen.append(slice.address)
            let state = generator.preprocessor.state
            let lastOfBatch = slice.address.slice == 2
            let lastOfEpoch = lastOfBatch && slice.address.batch == 2
            if lastOfEpoch {
                #expect(state == PreprocessorState()) // reset after the epoch ended
            } else {
                #expect(state.slicesPerBatch == 3)
                #expect(state.batchExhausted == lastOfBatch)
                #expect(state.batchLoaded == !lastOfBatch)
                #expect(state.sliceIndex == slice.address.slice + 1)
            }
        }
        let expected = (0..<3).flatMap { b in (0..<3).map { SliceAddress(epoch: 0, batch: b, slice: $0) } }
        #expect(seen == expected)
    }

    /// Every slice of the last batch belongs to its epoch, and the epoch ends exactly once, after
    /// the last — as DeepTrain 0.6.0's own epoch does (scripts/deeptrain-reproduce.py).
    @Test func theEpochEndsAfterTheLastSliceOfTheLastBatch() throws {
        let source = try PreprocessingTestData.sequences(count: 4, steps: 30)
        let pre = try TimeseriesPreprocessor(windowSize: 10, slideSize: 10)
        var generator = try SliceGenerator(
            source: source, options: BatchOptions(batchSize: 2), preprocessor: pre, epochs: 2)
        var endedAfter = [SliceAddress]()
        var ended = 0
        while let slice = try generator.next() {
            if generator.endedEpochs.count > ended {
                ended = generator.endedEpochs.count
                endedAfter.append(slice.address)
            }
        }
        #expect(endedAfter == [SliceAddress(epoch: 0, batch: 1, slice: 2), SliceAddress(epoch: 1, batch: 1, slice: 2)])
        #expect(generator.endedEpochs == [0, 1])
    }

    /// DeepTrain 0.6.0 bug: its first epoch is never shuffled (scripts/deeptrain-reproduce.py).
    @Test func theFirstEpochIsShuffledWhenShuffleIsOn() throws {
        let source = try PreprocessingTestData.imageSource(count: 64, height: 4, width: 4)
        var generator = try SliceGenerator(
            source: source, options: BatchOptions(batchSize: 64, order: .shuffled(seed: 3)),
            preprocessor: try Normalize(), epochs: 3)
        var orders = [[Int]]()
        while let slice = try generator.next() { orders.append(slice.indices) }
        #expect(orders.count == 3)
        for order in orders {
            #expect(order.sorted() == Array(0..<64))
            #expect(order != Array(0..<64))
        }
        #expect(orders[0] != orders[1] && orders[1] != orders[2])
    }

    /// DeepTrain 0.6.0 bug: `reset_state(shuffle=False)` shuffles anyway on a generator made with
    /// `shuffle=True` (scripts/deeptrain-reproduce.py). A sequential order here is never shuffled.
    @Test func shuffleOffNeverShuffles() throws {
        let source = try PreprocessingTestData.imageSource(count: 20, height: 4, width: 4)
        var generator = try SliceGenerator(
            source: source, options: BatchOptions(batchSize: 8),
            preprocessor: RandomFlip(horizontal: true), epochs: 4)
        var perEpoch = [Int: [Int]]()
        while let slice = try generator.next() { perEpoch[slice.address.epoch, default: []] += slice.indices }
        #expect(perEpoch.count == 4)
        for (_, order) in perEpoch { #expect(order == Array(0..<20)) }
    }

    @Test func processRecordsTheSliceAddressAndStateProtocol() throws {
        var pre = try TimeseriesPreprocessor(windowSize: 10, slideSize: 5)
        let source = try PreprocessingTestData.sequences(count: 2, steps: 25)
        let input = try BatchSlice(
            batch: try source.batch(at: BatchAddress(epoch: 1, batch: 0), BatchOptions(batchSize: 2)), seed: 0)
        var windows = [Range<Int>]()
        repeat {
            let slice = try pre.process(input)
            #expect(slice.address.slice == pre.sliceIndex)
            windows.append(slice.origin.window!)
            pre.updateState()
        } while !pre.batchExhausted
        #expect(windows == [0..<10, 5..<15, 10..<20, 15..<25])
        #expect(pre.slicesPerBatch == 4 && !pre.batchLoaded)
        pre.resetState()
        #expect(pre.state == PreprocessorState())
    }
}
