import Batching
import BatchingPython
import Foundation
import TestSupport
import Testing

/// The batch at an address is byte-identical however it is reached, and the replay check
/// catches a function that is not.
@Suite struct PythonStageReplayTests {
    /// Uses the rng and every global generator the worker seeds.
    let replayable = """
        import random
        import numpy as np
        def f(images, labels, rng):
            shift = rng.integers(0, 50) + random.randint(0, 50) + np.random.randint(0, 50)
            return (images + shift).astype(np.uint8)
        """

    @Test func theSameAddressGivesTheSameBytesForwardsBackwardsAndOnAnyWorkerCount() throws {
        let path = try PythonTestModule.write(replayable)
        let images = Tensor(shape: [40, 3, 4], scalars: (0..<480).map { UInt8($0 % 251) })
        let source = try ArrayDataSource([images, Tensor((0..<40).map(Int64.init))])
        let options = BatchOptions(batchSize: 8, order: .shuffled(seed: 3))
        var reference = [BatchAddress: [UInt8]]()
        let one = try PythonTestModule.stage(path, "f", builder: PythonStageBuilder(workers: 1))
        let iterator = try source.prefetchedBatches(options, epochs: 2, workers: 0, buffer: 2, preprocessor: one)
        while let batch = try iterator.next() {
            reference[batch.address] = PythonTestModule.bytes(batch.slices[0].images)
        }
        #expect(reference.count == 10)
        #expect(Set(reference.values).count == 10)
        // Three workers, three processes, batches prepared out of order.
        let three = try PythonTestModule.stage(path, "f", builder: PythonStageBuilder(workers: 3))
        let parallel = try source.prefetchedBatches(options, epochs: 2, workers: 3, buffer: 4, preprocessor: three)
        while let batch = try parallel.next() {
            #expect(PythonTestModule.bytes(batch.slices[0].images) == reference[batch.address])
        }
        // Backwards and jumping, one batch at a time.
        for address in reference.keys.sorted().reversed() + [BatchAddress(epoch: 1, batch: 2)] {
            let view = try source.preprocessedBatch(at: address, options, preprocessor: three, seed: 3)
            #expect(PythonTestModule.bytes(view.slices[0].images) == reference[address], "\(address)")
        }
    }

    @Test func theReplayCheckPassesAReplayableFunction() throws {
        let stage = try PythonTestModule.stage(
            try PythonTestModule.write(replayable), "f", builder: PythonStageBuilder(checkReplay: true))
        let python = try #require(stage as? PythonPreprocessor)
        #expect(python.workerCount == 2)
        _ = try stage.allSlices(of: PythonTestModule.slice())
        #expect(python.statistics.calls == 2)
    }

    @Test func theReplayCheckFailsAFunctionThatReadsTheClockOrUrandom() throws {
        let path = try PythonTestModule.write(
            """
            import os, time
            import numpy as np
            def urandom(images, labels, rng):
                noise = np.frombuffer(os.urandom(images.size), np.uint8).reshape(images.shape)
                return images ^ noise
            def clock(images, labels, rng):
                out = images.copy()
                out[1].flat[:8] = np.frombuffer(np.int64(time.perf_counter_ns()).tobytes(), np.uint8)
                return out
            """)
        let builder = PythonStageBuilder(checkReplay: true)
        let urandom = PythonTestModule.message {
            _ = try PythonTestModule.stage(path, "urandom", builder: builder).allSlices(
                of: PythonTestModule.slice(epoch: 1, batch: 2))
        }
        #expect(
            urandom.hasPrefix(
                "python:\(path):urandom is not replayable: at epoch 1, batch 2 4 of 4 samples differ between two runs on different workers"
            ), "\(urandom)")
        // On demand, as the inspector's key will ask, from a stage built without the check.
        let plain = try #require(try PythonTestModule.stage(path, "urandom") as? PythonPreprocessor)
        #expect(!plain.checksReplay)
        #expect(plain.workerCount == 1) // the check starts a second process for itself
        let onDemand = PythonTestModule.message { try plain.checkReplay(of: PythonTestModule.slice()) }
        #expect(
            onDemand.contains("urandom is not replayable: at epoch 0, batch 0 4 of 4 samples differ"), "\(onDemand)")
        let clock = PythonTestModule.message {
            _ = try PythonTestModule.stage(path, "clock", builder: builder).allSlices(of: PythonTestModule.slice())
        }
        #expect(clock.contains("1 of 4 samples differ"), "\(clock)")
    }

    @Test func theTwoRunsOfACheckAreTwoProcesses() throws {
        // Constant within a process, different between two: only two processes tell them apart.
        let path = try PythonTestModule.write(
            """
            import os
            import numpy as np
            TOKEN = np.frombuffer(np.int64(os.getpid()).tobytes(), np.uint8)
            def f(images, labels, rng):
                out = images.copy()
                out[0].flat[:8] = TOKEN
                return out
            """)
        let input = PythonTestModule.slice()
        let one = try #require(try PythonTestModule.stage(path, "f") as? PythonPreprocessor)
        let once = PythonTestModule.bytes(try one.allSlices(of: input)[0].images)
        #expect(PythonTestModule.bytes(try one.allSlices(of: input)[0].images) == once) // one process: the same
        let onDemand = PythonTestModule.message { try one.checkReplay(of: input) }
        #expect(onDemand.contains("f is not replayable: at epoch 0, batch 0 1 of 4 samples differ"), "\(onDemand)")
        let checking = try PythonTestModule.stage(path, "f", builder: PythonStageBuilder(workers: 3, checkReplay: true))
        let checked = PythonTestModule.message { _ = try checking.allSlices(of: input) }
        #expect(checked.contains("f is not replayable: at epoch 0, batch 0 1 of 4 samples differ"), "\(checked)")
    }
}
