import Batching
import BatchingPython
import Foundation
import TestSupport
import Testing

/// A python stage inside a chain: called once per batch wherever it sits, its time split from
/// its transport in the stage times, and the replay check naming it when it is not replayable.
@Suite struct PythonStageInChainTests {
    /// Appends one line per call (the batch's address) to `calls.txt` beside the module.
    let counting = """
        import os
        CALLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "calls.txt")
        def f(images, labels, rng):
            with open(CALLS, "a") as log:
                log.write(f"{images.shape[0]}\\n")
            return images + 1
        """

    func calls(beside path: String) throws -> Int {
        let log = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("calls.txt").path
        guard FileManager.default.fileExists(atPath: log) else { return 0 }
        return try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").count
    }

    func source() throws -> ArrayDataSource {
        // 12 sequences of 6 steps × 2 features, uint8.
        let values = (0..<(12 * 6 * 2)).map { UInt8($0 % 200) }
        return try ArrayDataSource([Tensor(shape: [12, 6, 2], scalars: values), Tensor((0..<12).map(Int64.init))])
    }

    @Test(arguments: [
        ("python:PATH:f,timeseries:window=2,slide=1", 5), ("python:PATH:f,normalize", 1),
        ("timeseries:window=2,slide=2,python:PATH:f", 3),
    ])
    func aPythonStageIsCalledOncePerInputItGets(spec: String, slices: Int) throws {
        let path = try PythonTestModule.write(counting)
        let chain = try PreprocessSpec(spec.replacingOccurrences(of: "PATH", with: path)).makePreprocessor(
            external: PythonStageBuilder(workers: 2))
        let options = BatchOptions(batchSize: 4)
        let batches = try source().prefetchedBatches(options, epochs: 1, workers: 2, buffer: 2, preprocessor: chain)
        var count = 0
        while let batch = try batches.next() {
            #expect(batch.slices.count == slices)
            count += 1
        }
        #expect(count == 3)
        // Before the cut: once per batch; after it: once per slice.
        let perBatch = spec.hasPrefix("python") ? 1 : slices
        #expect(try calls(beside: path) == 3 * perBatch)
        // The inspector's way: how many slices, then one of them.
        let view = try source().preprocessedBatch(
            at: BatchAddress(epoch: 0, batch: 1), options, preprocessor: chain, seed: 1)
        #expect(view.slices.count == slices)
        #expect(try calls(beside: path) == 4 * perBatch)
    }

    @Test func thePythonTimeAndTheTransportArePartsOfThePreprocessTime() throws {
        let path = try PythonTestModule.write(
            """
            import time
            def slow(images, labels, rng):
                time.sleep(0.05)
                return images
            """)
        let chain = try PreprocessSpec("python:\(path):slow").makePreprocessor(external: PythonStageBuilder())
        let view = try source().preprocessedBatch(
            at: BatchAddress(epoch: 0, batch: 0), BatchOptions(batchSize: 4), preprocessor: chain, seed: 1)
        #expect(view.times.external >= 0.05)
        #expect(view.times.transport > 0)
        #expect(view.times.external + view.times.transport <= view.times.preprocess + 1e-6)
        let python = try #require(chain.externalStages.first)
        #expect(python.functionName == "slow")
        #expect(python.definedIn == path)
        #expect(python.specification == "python:\(path):slow")
    }

    @Test func theReplayVerdictNamesThePythonStageOfAChain() throws {
        let path = try PythonTestModule.write(
            """
            import os
            import numpy as np
            def noisy(images, labels, rng):
                out = images.copy()
                out[2] ^= np.frombuffer(os.urandom(out[2].size), np.uint8).reshape(out[2].shape) | 1
                return out
            def seeded(images, labels, rng):
                return images + rng.integers(0, 9, size=images.shape).astype(images.dtype)
            def broken(images, labels, rng):
                raise ValueError("no good")
            """)
        let input = PythonTestModule.slice(count: 4, epoch: 1, batch: 2)
        func chain(_ name: String) throws -> any Preprocessor {
            try PreprocessSpec("flip:h,python:\(path):\(name)").makePreprocessor(external: PythonStageBuilder())
        }
        let noisy = try chain("noisy").replayVerdict(0, of: input)
        #expect(noisy.differingSamples == 1)
        #expect(noisy.firstDifferingRow == 2)
        #expect(noisy.stage == "python:\(path):noisy")
        #expect(try chain("seeded").replayVerdict(0, of: input).isReplayable)
        let broken = PythonTestModule.message { _ = try chain("broken").replayVerdict(0, of: input) }
        #expect(broken.contains("ValueError: no good"), "\(broken)")
    }
}
