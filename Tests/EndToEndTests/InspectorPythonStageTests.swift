import Foundation
import TestSupport
import Testing

/// The real inspector in tmux with a python stage: what the user's code prints never reaches the
/// screen, and the inspector steps and quits as usual.
@Suite(.serialized) struct InspectorPythonStageTests {
    @Test func theUsersPrintsStayOffTheScreen() throws {
        let folder = try FixturePaths.temporaryDirectory("python-tmux")
        let module = folder.appendingPathComponent("loud.py").path
        try """
        import sys
        def f(images, labels, rng):
            print("USER PRINT on stdout")
            sys.stderr.write("USER PRINT on stderr\\n")
            return 255 - images
        """.write(toFile: module, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(
            command: InspectorBinary.commandLine([
                FixturePaths.fixture("mnist_small.h5"), "--preprocess", "python:\(module):f", "--workers", "2",
            ]))
        let first = try tmux.waitFor(text: "batch 0 of")
        #expect(first.contains("augmented"), "\(first)")
        try tmux.send("n")
        try tmux.waitFor(text: "batch 1 of")
        try tmux.send("p")
        let back = try tmux.waitFor(text: "batch 0 of")
        #expect(!first.contains("USER PRINT") && !back.contains("USER PRINT"), "\(back)")
        try tmux.send("q")
        #expect(try tmux.waitForExit().status == 0)
    }

    /// `python:aug3.py:f` on `mnist_small.h5` in order, batches of 16: it raises on batch 2
    /// (its first value is 7 · 32 mod 256 = 224), sleeps a minute on batch 3 (80) and inverts
    /// the others.
    static func hangingSession(_ label: String, timeout: Int = 40) throws -> TmuxSession {
        let folder = try FixturePaths.temporaryDirectory(label)
        let module = folder.appendingPathComponent("aug3.py").path
        try """
        import time
        def f(images, labels, rng):
            first = int(images[0, 0, 0])
            if first == 224:
                raise ValueError("too dark")
            if first == 80:
                time.sleep(60)
            return 255 - images
        """.write(toFile: module, atomically: true, encoding: .utf8)
        return try TmuxSession(
            command: InspectorBinary.commandLine([
                FixturePaths.fixture("mnist_small.h5"), "--preprocess", "python:\(module):f", "--no-shuffle",
                "--batch-size", "16", "--python-timeout", String(timeout),
            ]))
    }

    @Test func aHungCallIsShownAndEscCancelsItLeavingTheRawBatch() throws {
        let tmux = try Self.hangingSession("python-hang-esc")
        try tmux.waitFor(text: "batch 0 of")
        try tmux.send("g", "3", "Enter")
        let busy = try tmux.waitFor(text: "Esc cancels · q quits")
        #expect(busy.contains("python:aug3.py:f on e0 b3 — "), "\(busy)")
        #expect(busy.contains("(timeout 40 s)"), "\(busy)")
        try tmux.send("Escape")
        let cancelled = try tmux.waitFor(text: "augmentation cancelled, raw samples shown", timeout: 5)
        #expect(cancelled.contains("▸48"), "\(cancelled)")
        try tmux.send("q")
        #expect(try tmux.waitForExit().status == 0)
    }

    @Test func controlCDuringAHungCallEndsAtOnceWith130() throws {
        let tmux = try Self.hangingSession("python-hang-ctrl-c")
        try tmux.waitFor(text: "batch 0 of")
        try tmux.send("g", "3", "Enter")
        try tmux.waitFor(text: "Esc cancels · q quits")
        try tmux.send("C-c")
        let (status, stty) = try tmux.waitForExit(timeout: 3)
        #expect(status == 130)
        #expect(stty.contains(" icanon") && !stty.contains("-icanon"))
    }

    @Test func aRaisingCallShowsTheRawBatchAndRSaysTheFailure() throws {
        let tmux = try Self.hangingSession("python-raise")
        try tmux.waitFor(text: "batch 0 of")
        try tmux.send("n", "n")
        let failed = try tmux.waitFor(text: "augmentation failed, raw samples shown: python:aug3.py:f")
        #expect(failed.contains("▸32"), "\(failed)")
        #expect(failed.contains("ValueError: too dark"), "\(failed)")
        try tmux.send("R")
        try tmux.waitFor(text: "replay error e0 b2: python:")
        try tmux.send("q")
        #expect(try tmux.waitForExit().status == 0)
    }
}
