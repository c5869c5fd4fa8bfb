import Batching
import BatchingPython
import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing

/// A worker started by a call on a short-lived thread (an inspector key's, a pipeline worker's)
/// outlives that thread: Linux ties the worker's "die with batchview" request to the thread that
/// started it, so workers are started from one thread that lives as long as the process.
@Suite struct PythonWorkerLifetimeTests {
    @Test func aWorkerStartedOnAThreadThatEndedServesTheNextCall() throws {
        let folder = try FixturePaths.temporaryDirectory("python-lifetime")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try PythonTestModule.write(
            """
            import os
            def f(images, labels, rng):
                with open("\(folder.path)/pids", "a") as out:
                    out.write(str(os.getpid()) + "\\n")
                return images + 1
            """)
        // The stage (and with it its worker) is made on a thread of its own, as is each call; each
        // thread ends before the next begins.
        let stage = Mutex<(any Preprocessor)?>(nil)
        for batch in 0..<2 {
            let done = DispatchSemaphore(value: 0)
            Thread {
                if batch == 0 { stage.withLock { $0 = try? PythonTestModule.stage(path, "f") } }
                _ = try? stage.withLock { $0 }?.slice(0, of: PythonTestModule.slice(batch: batch))
                done.signal()
            }.start()
            done.wait()
            usleep(300_000) // the thread has ended: time for a parent-death signal, had it been tied to it
        }
        let pids = try String(contentsOfFile: folder.path + "/pids", encoding: .utf8).split(separator: "\n")
        #expect(pids.count == 2)
        #expect(Set(pids).count == 1, "one worker served both calls: \(pids)")
    }
}
