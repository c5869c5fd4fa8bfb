import Batching
import BatchingPython
import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing

/// A call watched by an ``ExternalCallWatch`` (the inspector's key thread): it reports itself
/// while it runs, and a cancel stops it within a poll — the worker killed, the call ending with
/// `PythonStageError.cancelled` — long before its timeout; the next call runs on a fresh worker.
@Suite struct PythonStageCancelTests {
    @Test func aCancelledCallKillsItsWorkerAndTheNextCallRunsOnAFreshOne() throws {
        let folder = try FixturePaths.temporaryDirectory("python-cancel")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid").path
        let path = try PythonTestModule.write(
            """
            import os, time
            def f(images, labels, rng):
                if int(images[0, 0, 0]) == 7:  # batch 3's first value: hang
                    with open("\(pidFile)", "w") as out:
                        out.write(str(os.getpid()))
                    time.sleep(60)
                return images + 1
            """)
        let stage = try PythonTestModule.stage(path, "f", builder: PythonStageBuilder(timeout: .seconds(40)))
        var hanging = PythonTestModule.slice(batch: 3)
        hanging.images = Tensor(shape: [4, 3, 4], scalars: [UInt8](repeating: 7, count: 48))
        let watch = ExternalCallWatch()
        let outcome = Mutex<String?>(nil)
        let input = hanging
        let thread = Thread {
            let message = PythonTestModule.message { _ = try watch.watching { try stage.slice(0, of: input) } }
            outcome.withLock { $0 = message }
        }
        thread.start()
        let deadline = ContinuousClock.now + .seconds(20)
        while (try? String(contentsOfFile: pidFile, encoding: .utf8)) == nil, ContinuousClock.now < deadline {
            usleep(5000)
        }
        let worker = try #require((try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { pid_t($0) })
        let call = try #require(watch.running)
        #expect(call.stage == "python:\(path):f")
        #expect(call.address == SliceAddress(epoch: 0, batch: 3))
        #expect(call.timeout == .seconds(40))
        let cancelled = ContinuousClock.now
        watch.cancel()
        while outcome.withLock({ $0 }) == nil, ContinuousClock.now - cancelled < .seconds(10) { usleep(1000) }
        let message = try #require(outcome.withLock { $0 })
        #expect(ContinuousClock.now - cancelled < .seconds(2))
        #expect(message.hasPrefix("python:\(path):f was cancelled after "), "\(message)")
        #expect(message.hasSuffix(" s at epoch 0, batch 3, so its worker was stopped"), "\(message)")
        #expect(watch.cancelledCalls == 1)
        #expect(watch.running == nil)
        #expect(kill(worker, 0) == -1 && errno == ESRCH, "the worker \(worker) still runs")
        // The next call, outside any watch, starts a fresh worker and answers.
        let next = try stage.slice(0, of: PythonTestModule.slice(batch: 4))
        #expect(
            PythonTestModule.bytes(next.images)
                == PythonTestModule.bytes(PythonTestModule.slice().images).map { $0 + 1 })
    }
}
