import Synchronization
import Testing

@testable import Batching

/// The replay check computes each stage twice and names the first whose results differ.
@Suite struct ReplayVerdictTests {
    /// An external stage whose second worker changes `rows` of its result (by adding 1).
    struct TwoWorkerStage: ExternalStage {
        var state = PreprocessorState()
        var rows: [Int]
        var specification: String { "python:fake.py:jitter" }
        var functionName: String { "jitter" }
        var definedIn: String { "fake.py" }

        func sliceCount(for input: BatchSlice) throws -> Int { 1 }
        func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice { input }

        func sliceTwice(of input: BatchSlice) throws -> (BatchSlice, BatchSlice) {
            var values = input.images.scalars(as: UInt8.self)
            let rowSize = input.images.elementsPerRow
            for row in rows { for k in (row * rowSize)..<((row + 1) * rowSize) { values[k] &+= 1 } }
            var second = input
            second.images = Tensor(shape: input.images.shape, scalars: values)
            return (input, second)
        }
    }

    func input() throws -> BatchSlice {
        let source = try PreprocessingTestData.imageSource(count: 48, height: 8, width: 8, channels: 3)
        return try BatchSlice(
            batch: try source.batch(at: BatchAddress(epoch: 1, batch: 2), BatchOptions(batchSize: 16)), seed: 4)
    }

    @Test(arguments: ["crop:6,flip:hv,normalize", "flip:h", "crop:5"])
    func builtInChainsReplay(spec: String) throws {
        let verdict = try PreprocessSpec(spec).makePreprocessor().replayVerdict(0, of: try input())
        #expect(verdict.isReplayable)
        #expect(verdict.samples == 16)
        #expect(verdict.address == SliceAddress(epoch: 1, batch: 2))
        #expect(verdict.description == "replayable: epoch 1, batch 2 gave the same bytes twice")
    }

    @Test func aStageThatReadsAGlobalCounterIsNamedWithTheRowsThatDiffer() throws {
        let calls = Mutex(0)
        // Rows 3 and 5 get the number of calls so far: different on the second computation.
        let unseeded = ClosurePreprocessor(name: "unseeded") { input in
            let call = calls.withLock { count in
                count += 1
                return count
            }
            var values = input.images.scalars(as: UInt8.self)
            let rowSize = input.images.elementsPerRow
            for row in [5, 3] { values[row * rowSize] = UInt8(call) }
            var out = input
            out.images = Tensor(shape: input.images.shape, scalars: values)
            return out
        }
        let chain = try PreprocessorChain([RandomCrop(size: 6), unseeded])
        let verdict = try chain.replayVerdict(0, of: try input())
        #expect(!verdict.isReplayable)
        #expect(verdict.differingSamples == 2)
        #expect(verdict.firstDifferingRow == 3)
        #expect(verdict.stage == "ClosurePreprocessor")
        #expect(
            verdict.description
                == "not replayable: 2 of 16 samples differ at epoch 1, batch 2 (first at row 3), in ClosurePreprocessor"
        )
    }

    @Test func anExternalStageIsComputedOnItsTwoWorkersAndNamedByItsSpecification() throws {
        let chain = try PreprocessorChain([RandomFlip(horizontal: true), TwoWorkerStage(rows: [7, 2, 9])])
        let verdict = try chain.replayVerdict(0, of: try input())
        #expect(verdict.differingSamples == 3)
        #expect(verdict.firstDifferingRow == 2)
        #expect(verdict.stage == "python:fake.py:jitter")
        #expect(try PreprocessorChain([TwoWorkerStage(rows: [])]).replayVerdict(0, of: try input()).isReplayable)
        #expect(chain.externalStages.map(\.functionName) == ["jitter"])
    }

    @Test func resultsOfAnotherShapeDifferInEveryRow() throws {
        let a = try input()
        var b = a
        b.images = a.images.slicingAxis1(0..<4)
        #expect(ReplayVerdict.differingRows(a, b) == Array(0..<16))
        b = a
        b.labels = nil
        #expect(ReplayVerdict.differingRows(a, b) == Array(0..<16))
        #expect(ReplayVerdict.differingRows(a, a).isEmpty)
    }
}
