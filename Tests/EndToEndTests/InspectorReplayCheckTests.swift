import Foundation
import TestSupport
import Testing

/// `R` in the real inspector with a python stage: the verdict of a function that reads
/// `os.urandom`, and a function that hangs, which `--python-timeout` ends while the inspector
/// stays usable.
@Suite(.serialized) struct InspectorReplayCheckTests {
    @Test func aNonReplayableFunctionIsCaughtAndAHangIsBoundedByTheTimeout() throws {
        let folder = try FixturePaths.temporaryDirectory("python-replay-tmux")
        let module = folder.appendingPathComponent("aug.py").path
        let hang = folder.appendingPathComponent("hang").path
        try """
        import os, time
        import numpy as np
        def noisy(images, labels, rng):
            if os.path.exists(\(String(reflecting: hang))):
                time.sleep(60)
            out = images.copy()
            out[3] ^= np.frombuffer(os.urandom(out[3].size), np.uint8).reshape(out[3].shape) | 1
            return out
        """.write(toFile: module, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(
            command: InspectorBinary.commandLine([
                FixturePaths.fixture("mnist_small.h5"), "--preprocess", "python:\(module):noisy", "--python-timeout",
                "2",
            ]))
        _ = try tmux.waitFor(text: "batch 0 of")
        try tmux.send("R")
        let verdict = try tmux.waitFor(text: "replay ✗ e0 b0 1/64")
        #expect(verdict.contains("not replayable: 1 of 64 samples differ at epoch 0, batch 0"), "\(verdict)")
        #expect(verdict.contains("python noisy() in aug.py"), "\(verdict)")
        // A hang: the check ends with the timeout's sentence, and the inspector steps on.
        #expect(FileManager.default.createFile(atPath: hang, contents: nil))
        try tmux.send("R")
        let stopped = try tmux.waitFor(text: "replay error e0 b0")
        // The status line wraps the sentence: compare words.
        let words = stopped.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // (a long temporary path shortens the sentence on screen: "noisy took lon…")
        #expect(words.contains("replay check failed:") && words.contains("aug.py:noisy took lon"), "\(stopped)")
        try FileManager.default.removeItem(atPath: hang)
        try tmux.send("n")
        _ = try tmux.waitFor(text: "batch 1 of")
        try tmux.send("q")
        #expect(try tmux.waitForExit().status == 0)
    }
}
