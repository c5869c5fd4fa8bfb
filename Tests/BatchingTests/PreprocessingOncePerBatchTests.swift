import Synchronization
import Testing

@testable import Batching

/// Each stage of a chain runs once per input it is given — once per batch before the stage that
/// cuts it into slices, once per slice after — whichever way the slices are asked for: all at
/// once, one at a time through DeepTrain's protocol, through the prefetch pipeline, or stage by
/// stage. (Before `PreparedBatch`, a stage placed before another ran again for every slice and
/// once more to count them.)
@Suite struct PreprocessingOncePerBatchTests {
    /// Counts its calls per (epoch, batch, slice) and adds 1 to every value.
    final class CountingStage: Sendable {
        let calls = Mutex<[SliceAddress: Int]>([:])

        var stage: ClosurePreprocessor {
            ClosurePreprocessor(name: "count") { [self] input in
                calls.withLock { $0[input.address, default: 0] += 1 }
                var out = input
                out.images = Tensor(
                    shape: input.images.shape, scalars: input.images.scalars(as: Float.self).map { $0 + 1 })
                return out
            }
        }

        var counts: [SliceAddress: Int] { calls.withLock { $0 } }
    }

    let source: ArrayDataSource
    let options = BatchOptions(batchSize: 4)

    init() throws { source = try PreprocessingTestData.sequences(count: 12, steps: 30) }

    func input(batch: Int) throws -> BatchSlice {
        try BatchSlice(batch: try source.batch(at: BatchAddress(epoch: 0, batch: batch), options), seed: 3)
    }

    @Test func aStageBeforeTheCutRunsOncePerBatchAndItsSlicesAreItsOutputCut() throws {
        let counting = CountingStage()
        let windows = try TimeseriesPreprocessor(windowSize: 10, slideSize: 5)
        let chain = try PreprocessorChain([counting.stage, windows])
        for batch in 0..<3 {
            let raw = try input(batch: batch)
            let slices = try chain.allSlices(of: raw)
            #expect(slices.count == 5)
            // Window i of the raw sequences plus one, the counting stage's whole-batch output.
            for (i, slice) in slices.enumerated() {
                let expected = raw.images.slicingAxis1((i * 5)..<(i * 5 + 10)).scalars(as: Float.self).map { $0 + 1 }
                #expect(slice.images.scalars(as: Float.self) == expected, "batch \(batch) window \(i)")
                #expect(slice.address.slice == i)
            }
        }
        #expect(counting.counts == [0, 1, 2].reduce(into: [:]) { $0[SliceAddress(epoch: 0, batch: $1)] = 1 })
    }

    @Test func aStageAfterTheCutRunsOncePerSlice() throws {
        let counting = CountingStage()
        let chain = try PreprocessorChain([try TimeseriesPreprocessor(windowSize: 10, slideSize: 5), counting.stage])
        let slices = try chain.allSlices(of: try input(batch: 1))
        #expect(slices.count == 5)
        #expect(counting.counts == (0..<5).reduce(into: [:]) { $0[SliceAddress(epoch: 0, batch: 1, slice: $1)] = 1 })
    }

    @Test(arguments: [false, true])
    func aChainThatDoesNotCutRunsEachStageOnce(prefetched: Bool) throws {
        let counting = CountingStage()
        let chain = try PreprocessorChain([counting.stage, try Normalize(mean: [1]), counting.stage])
        if prefetched {
            let batches = try source.prefetchedBatches(options, epochs: 1, workers: 2, buffer: 2, preprocessor: chain)
            while try batches.next() != nil {}
        } else {
            for batch in 0..<3 { _ = try chain.allSlices(of: try input(batch: batch)) }
        }
        // Two counting stages, each once per batch.
        #expect(counting.counts == [0, 1, 2].reduce(into: [:]) { $0[SliceAddress(epoch: 0, batch: $1)] = 2 })
    }

    @Test func deepTrainsProtocolPreparesEachBatchOnce() throws {
        let counting = CountingStage()
        let chain = try PreprocessorChain([counting.stage, try TimeseriesPreprocessor(windowSize: 10, slideSize: 10)])
        var generator = try SliceGenerator(source: source, options: options, preprocessor: chain, epochs: 2)
        var slices = 0
        while try generator.next() != nil { slices += 1 }
        #expect(slices == 2 * 3 * 3)
        let expected = [0, 1].flatMap { epoch in (0..<3).map { SliceAddress(epoch: epoch, batch: $0) } }
        #expect(counting.counts == expected.reduce(into: [:]) { $0[$1] = 1 })
        // Seeking to a slice prepares its batch once more, and only once.
        try generator.seek(to: SliceAddress(epoch: 1, batch: 2, slice: 1))
        _ = try generator.next()
        _ = try generator.next()
        #expect(counting.counts[SliceAddress(epoch: 1, batch: 2)] == 2)
    }

    @Test func replayingStageByStageRunsEachStageOnceAndEndsWithTheSlice() throws {
        let counting = CountingStage()
        let chain = try PreprocessorChain([counting.stage, try TimeseriesPreprocessor(windowSize: 10, slideSize: 5)])
        let raw = try input(batch: 0)
        let steps = try chain.steps(3, of: raw)
        #expect(counting.counts == [SliceAddress(epoch: 0, batch: 0): 1])
        #expect(steps.last?.output.images == (try chain.slice(3, of: raw)).images)
    }

    @Test func anExternalStagesTimeReachesTheStageTimes() throws {
        let reporting = ClosurePreprocessor(name: "external") { input in
            StageRecorder.current?.addExternal(seconds: 0.003, transport: 0.001)
            return input
        }
        let view = try source.preprocessedBatch(
            at: BatchAddress(epoch: 0, batch: 0), options, preprocessor: reporting, seed: 1)
        #expect(abs(view.times.external - 0.003) < 1e-9)
        #expect(abs(view.times.transport - 0.001) < 1e-9)
        #expect(view.times.preprocess >= 0)
        let stats = PipelineStatsRecorder()
        let batches = try source.prefetchedBatches(
            options, epochs: 1, workers: 2, buffer: 2, preprocessor: reporting, stats: stats)
        while let batch = try batches.next() { #expect(abs(batch.times.external - 0.003) < 1e-9) }
        let mean = stats.snapshot().meanStageTimes
        #expect(abs(mean.external - 0.003) < 1e-9)
        #expect(abs(mean.transport - 0.001) < 1e-9)
        // Their shares of the busy time, beside read, decode and preprocess.
        var window = ThroughputWindow(capacity: 4)
        window.start(at: 0)
        window.record(
            samples: 4, stages: StageTimes(read: 0.002, preprocess: 0.008, external: 0.004, transport: 0.002), at: 0.01)
        let rates = window.busyRates
        #expect(abs(rates.preprocessShare - 0.8) < 1e-9)
        #expect(abs(rates.externalShare - 0.4) < 1e-9)
        #expect(abs(rates.transportShare - 0.2) < 1e-9)
    }
}
