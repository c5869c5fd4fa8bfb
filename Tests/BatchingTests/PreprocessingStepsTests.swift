import Testing

@testable import Batching

/// Replaying a preprocessor stage by stage gives, at its last stage, exactly the bytes of the
/// whole preprocessor; each stage's output is that stage applied to the one before.
@Suite struct PreprocessingStepsTests {
    func input(seed: UInt64 = 77) throws -> BatchSlice {
        let source = try PreprocessingTestData.imageSource(count: 32, height: 8, width: 8, channels: 3)
        let batch = try source.batch(
            at: BatchAddress(epoch: 1, batch: 1), BatchOptions(batchSize: 16, order: .shuffled(seed: seed)))
        return try BatchSlice(batch: batch, seed: seed)
    }

    @Test(arguments: ["crop:6,flip:hv,normalize:range=-1..1", "flip:h,crop:5", "crop:6", "normalize"])
    func theLastStepIsTheAugmentedSample(spec: String) throws {
        let preprocessor = try PreprocessSpec(spec).makePreprocessor()
        let input = try input()
        let whole = try preprocessor.allSlices(of: input)[0]
        let steps = try preprocessor.steps(0, of: input)
        #expect(steps.count == spec.split(separator: ",").count)
        let last = try #require(steps.last).output
        #expect(last.images == whole.images)
        #expect(last.labels == whole.labels)
        #expect(last.origin == whole.origin)
    }

    @Test func eachStepIsItsStageAppliedToTheStepBefore() throws {
        let chain = try PreprocessSpec("crop:6,flip:h").makePreprocessor()
        let input = try input()
        let steps = try chain.steps(0, of: input)
        // The crop alone on stream 0, as the chain's first stage draws.
        var first = input
        first.stream = 0
        let cropped = try RandomCrop(size: 6).slice(0, of: first)
        #expect(steps[0].output.images == cropped.images)
        #expect(steps[0].output.images.shape == [16, 6, 6, 3])
        // The flip's mirror: each row equals the crop's row or its left–right mirror, as the
        // origin's flip flag says.
        let flipped = steps[1].output
        for row in 0..<16 {
            let mirrored = flipped.origin.samples[row].flippedHorizontally
            for r in 0..<6 {
                for c in 0..<6 {
                    for ch in 0..<3 {
                        let before = cropped.images.doubleValue(atElement: ((row * 6 + r) * 6 + c) * 3 + ch)
                        let source = mirrored ? 5 - c : c
                        let after = flipped.images.doubleValue(atElement: ((row * 6 + r) * 6 + source) * 3 + ch)
                        #expect(before == after)
                    }
                }
            }
        }
        #expect(Set((0..<16).map { flipped.origin.samples[$0].flippedHorizontally }) == [false, true])
    }

    @Test func aPreprocessorThatIsNotAChainIsOneStep() throws {
        let windows = try TimeseriesPreprocessor(windowSize: 4, slideSize: 2)
        let source = try PreprocessingTestData.sequences(count: 8, steps: 12)
        let batch = try source.batch(at: BatchAddress(epoch: 0, batch: 0), BatchOptions(batchSize: 8))
        let input = try BatchSlice(batch: batch, seed: 1)
        let steps = try windows.steps(2, of: input)
        #expect(steps.count == 1)
        #expect(steps[0].output.origin.window == 4..<8)
        #expect(steps[0].output.images == (try windows.allSlices(of: input)[2]).images)
    }
}
