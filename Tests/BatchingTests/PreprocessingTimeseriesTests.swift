import Testing

@testable import Batching

@Suite struct PreprocessingTimeseriesTests {
    /// DeepTrain's formula, written independently: 1 + (T − window − start) // slide, floor division.
    func expectedCount(_ steps: Int, _ window: Int, _ slide: Int, _ start: Int) -> Int {
        let spare = steps - window - start
        if spare < 0 { return 0 }
        return 1 + spare / slide
    }

    @Test(arguments: [
        (200, 50, 25, 0), (200, 50, 25, 10), (100, 30, 7, 3), (51, 50, 1, 1), (50, 50, 10, 0),
        (37, 5, 5, 0), (10, 3, 4, 2),
    ])
    func windowsFollowTheFormula(_ config: (Int, Int, Int, Int)) throws {
        let (steps, window, slide, start) = config
        let source = try PreprocessingTestData.sequences(count: 3, steps: steps)
        let pre = try TimeseriesPreprocessor(windowSize: window, slideSize: slide, startIncrement: start)
        let raw = try BatchSlice(
            batch: try source.batch(at: BatchAddress(epoch: 0, batch: 0), BatchOptions(batchSize: 3)), seed: 0)
        let slices = try pre.allSlices(of: raw)
        #expect(slices.count == expectedCount(steps, window, slide, start))
        for (i, slice) in slices.enumerated() {
            let begin = i * slide + start
            #expect(slice.origin.window == begin..<(begin + window))
            #expect(slice.images.shape == [3, window, 2])
            #expect(begin + window <= steps) // the trailing partial window is dropped
            let values = slice.images.scalars(as: Float.self)
            for row in 0..<3 {
                for t in 0..<window {
                    for f in 0..<2 {
                        #expect(values[(row * window + t) * 2 + f] == Float(1000 * row + 10 * (begin + t) + f))
                    }
                }
            }
            #expect(slice.labels == raw.labels)
        }
    }

    @Test func sequencesShorterThanTheWindowAreAClearErrorNotAHang() throws {
        let source = try PreprocessingTestData.sequences(count: 4, steps: 30)
        let pre = try TimeseriesPreprocessor(windowSize: 50, slideSize: 25)
        var generator = try SliceGenerator(source: source, options: BatchOptions(batchSize: 2), preprocessor: pre)
        #expect(throws: PreprocessingError.self) { _ = try generator.next() }
        do {
            _ = try generator.next()
        } catch let error as PreprocessingError {
            #expect(error.description.contains("30 steps"))
            #expect(error.description.contains("window of 50"))
        }
    }

    @Test func slicesPerBatchIsRecomputedForEveryBatch() throws {
        // Two sources of different lengths composed by mapping: batch 0 has 100 steps, batch 1 has 60.
        let long = try PreprocessingTestData.sequences(count: 4, steps: 100)
        let source = long.map { batch in
            var out = batch
            if batch.address.batch == 1 { out.columns[0] = batch.columns[0].slicingAxis1(0..<60) }
            return out
        }
        let pre = try TimeseriesPreprocessor(windowSize: 20, slideSize: 20)
        var generator = try SliceGenerator(source: source, options: BatchOptions(batchSize: 2), preprocessor: pre)
        var perBatch = [Int: Int]()
        while let slice = try generator.next() { perBatch[slice.address.batch, default: 0] += 1 }
        #expect(perBatch == [0: 5, 1: 3])
    }

    @Test func startIncrementsCycleByEpoch() throws {
        let source = try PreprocessingTestData.sequences(count: 2, steps: 40)
        let pre = try TimeseriesPreprocessor(windowSize: 10, slideSize: 10, startIncrements: [0, 5])
        var generator = try SliceGenerator(
            source: source, options: BatchOptions(batchSize: 2), preprocessor: pre, epochs: 3)
        var firstWindows = [Int: Range<Int>]()
        var counts = [Int: Int]()
        while let slice = try generator.next() {
            if firstWindows[slice.address.epoch] == nil { firstWindows[slice.address.epoch] = slice.origin.window }
            counts[slice.address.epoch, default: 0] += 1
        }
        #expect(firstWindows == [0: 0..<10, 1: 5..<15, 2: 0..<10])
        #expect(counts == [0: 4, 1: 3, 2: 4])
    }

    @Test func invalidParametersAreRefused() {
        #expect(throws: PreprocessingError.self) { try TimeseriesPreprocessor(windowSize: 0, slideSize: 1) }
        #expect(throws: PreprocessingError.self) { try TimeseriesPreprocessor(windowSize: 5, slideSize: 0) }
        #expect(throws: PreprocessingError.self) {
            try TimeseriesPreprocessor(windowSize: 5, slideSize: 1, startIncrement: -1)
        }
    }
}
