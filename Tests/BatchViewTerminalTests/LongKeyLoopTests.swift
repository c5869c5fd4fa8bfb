import BatchViewCore
import Batching
import BatchingPython
import Foundation
import Glibc
import TestSupport
import Testing

@testable import BatchViewTerminal

/// The terminal loop while a real python function hangs on batch 3 (`g 3 Enter`): the screen
/// says what runs, `q`, Ctrl-C and SIGTERM end the inspector at once — the call cancelled, its
/// worker process gone — and Esc cancels the call, leaving the raw batch on screen.
@Suite(.serialized) struct LongKeyLoopTests {
    /// A session on `mnist_small`'s formula in order (batch k holds samples 16k…16k+15) through
    /// `python:aug3.py:f`, which writes its process id to `pidFile` and sleeps on batch 3.
    static func session(in folder: URL, pidFile: URL, timeout: Duration = .seconds(40)) throws -> InspectorSession {
        let module = folder.appendingPathComponent("aug3.py").path
        try """
        import os, time
        def f(images, labels, rng):
            if int(images[0, 0, 0]) == 80:  # sample 48 = (7 * 48) % 256: batch 3
                with open("\(pidFile.path)", "w") as out:
                    out.write(str(os.getpid()))
                time.sleep(60)
            return 255 - images
        """.write(toFile: module, atomically: true, encoding: .utf8)
        var pixels = [UInt8]()
        for i in 0..<160 { for r in 0..<28 { for c in 0..<28 { pixels.append(UInt8((7 * i + 3 * r + c) % 256)) } } }
        let dataset = InspectedDataset(
            name: "mnist_small.h5", images: Tensor(shape: [160, 28, 28], scalars: pixels),
            labels: Tensor((0..<160).map { Int64($0 % 10) }))
        return try session(dataset, calling: module, timeout: timeout)
    }

    /// A session on `dataset` in order, batches of 16, through `python:MODULE:f`.
    static func session(_ dataset: InspectedDataset, calling module: String, timeout: Duration) throws
        -> InspectorSession
    {
        var dataset = dataset
        let stage = try PythonStageBuilder(timeout: timeout).makePreprocessor(
            for: .python(module: module, function: "f", perSample: false))
        dataset.preprocessing = InspectedPreprocessing(try #require(stage), name: "python:\(module):f", seed: 1)
        return try InspectorSession(
            dataset: dataset, configuration: InspectorConfiguration(batchSize: 16, shuffle: false, seed: 1),
            colorMode: .none)
    }

    /// A session on 64 samples of 8×8 through `python:slow.py:f`, which sleeps a minute on any
    /// batch once the file `flag` exists; returns the session and `flag`.
    static func sessionHangingOnFlag(in folder: URL, timeout: Duration) throws -> (InspectorSession, flag: URL) {
        let flag = folder.appendingPathComponent("hang")
        let module = folder.appendingPathComponent("slow.py").path
        try """
        import os, time
        def f(images, labels, rng):
            if os.path.exists("\(flag.path)"):
                time.sleep(60)
            return 255 - images
        """.write(toFile: module, atomically: true, encoding: .utf8)
        let dataset = InspectedDataset(
            name: "small", images: Tensor(shape: [64, 8, 8], scalars: (0..<4096).map { UInt8($0 % 256) }))
        return (try session(dataset, calling: module, timeout: timeout), flag)
    }

    /// The worker's process id, once the hanging call wrote it.
    static func workerID(_ pidFile: URL) -> pid_t? {
        (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap { pid_t($0) }
    }

    enum Ending: String, CaseIterable, Sendable {
        case q, controlC, sigterm
    }

    @Test(arguments: Ending.allCases) func endingWhileAFunctionHangsIsPromptAndStopsTheCall(ending: Ending) throws {
        let folder = try FixturePaths.temporaryDirectory("long-key")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid")
        let session = try Self.session(in: folder, pidFile: pidFile)
        let hung: @Sendable (ScriptedScreen) -> Bool = { screen in
            Self.workerID(pidFile) != nil && screen.showed("· Esc cancels · q quits")
        }
        let endKey: [ScriptedScreen.Press] =
            switch ending {
            case .q: [.init(key: .character("q"), when: hung)]
            case .controlC: [.init(key: .controlC, when: hung)]
            case .sigterm: []
            }
        let screen = ScriptedScreen(
            [.init(key: .character("g")), .init(key: .character("3")), .init(key: .enter)] + endKey)
        var signalled: ContinuousClock.Instant?
        let outcome = TerminalApp.loop(session, screen: screen) {
            guard ending == .sigterm else { return nil }
            if signalled == nil, screen.scriptDone, hung(screen) { signalled = .now }
            return signalled == nil ? nil : SIGTERM
        }
        let ended = ContinuousClock.now
        switch ending {
        case .q: #expect(outcome == .quit)
        case .controlC: #expect(outcome == .signal(SIGINT))
        case .sigterm: #expect(outcome == .signal(SIGTERM))
        }
        #expect(screen.showed("python:aug3.py:f on e0 b3 — "))
        #expect(screen.showed("(timeout 40 s) · Esc cancels · q quits"))
        // The call was cancelled and its worker killed and reaped, not left to its 40 s timeout.
        #expect(session.externalCalls.cancelledCalls == 1)
        let worker = try #require(Self.workerID(pidFile))
        #expect(kill(worker, 0) == -1 && errno == ESRCH, "the worker \(worker) still runs")
        let asked = try #require(ending == .sigterm ? signalled : screen.lastPressed)
        #expect(ended - asked < .seconds(2), "ended \(ended - asked) after it was asked to")
    }

    /// Keys typed while a call runs are handled, in order, once it ended (as they were when
    /// keys ran on the main thread); Esc, among them, still cancels the call at once.
    @Test func keysTypedDuringACallAreHandledAfterIt() throws {
        let folder = try FixturePaths.temporaryDirectory("long-key-typed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid")
        let session = try Self.session(in: folder, pidFile: pidFile)
        let busy: @Sendable (ScriptedScreen) -> Bool = {
            Self.workerID(pidFile) != nil && $0.showed("· Esc cancels · q quits")
        }
        let screen = ScriptedScreen([
            .init(key: .character("g")), .init(key: .character("3")), .init(key: .enter),
            .init(key: .character("n"), when: busy), .init(key: .character("n")), .init(key: .escape),
            .init(key: .character("q")) { $0.showed("batch 5 of 10") },
        ])
        #expect(TerminalApp.loop(session, screen: screen) { nil } == .quit)
        #expect(session.externalCalls.cancelledCalls == 1)
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 5))
        #expect(session.current?.preprocessed != nil)
    }

    @Test func escCancelsTheCallAndTheRawBatchStaysOnScreen() throws {
        let folder = try FixturePaths.temporaryDirectory("long-key-esc")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid")
        let session = try Self.session(in: folder, pidFile: pidFile)
        let screen = ScriptedScreen([
            .init(key: .character("g")), .init(key: .character("3")), .init(key: .enter),
            .init(key: .escape) { Self.workerID(pidFile) != nil && $0.showed("· Esc cancels · q quits") },
            .init(key: .character("q")) { $0.showed("augmentation cancelled, raw samples shown") },
        ])
        let outcome = TerminalApp.loop(session, screen: screen) { nil }
        #expect(outcome == .quit)
        #expect(session.externalCalls.cancelledCalls == 1)
        let worker = try #require(Self.workerID(pidFile))
        #expect(kill(worker, 0) == -1 && errno == ESRCH)
        let shown = try #require(screen.frames.last { $0.contains("augmentation cancelled") })
        #expect(shown.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("was cancelled after"))
        #expect(shown.contains("augmentation cancelled, raw samples shown: python:aug3.py:f"))
        #expect(shown.contains("▸48"))
        #expect(session.current?.indices == Array(48..<64))
        #expect(session.current?.preprocessingFailure?.cancelled == true)
    }

    /// A replay check (`R`) whose calls hang holds the stage's workers; a key that needs one
    /// waits for it — and Esc ends that wait too.
    @Test func escEndsAKeysWaitForWorkersAReplayCheckHolds() throws {
        let folder = try FixturePaths.temporaryDirectory("long-key-wait")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (session, flag) = try Self.sessionHangingOnFlag(in: folder, timeout: .seconds(3))
        defer { session.waitForBackgroundWork() } // the check ends at its 3 s timeout
        try Data().write(to: flag)
        session.handle(.character("R"))
        let key = session.beginHandling(.character("n"))
        #expect(key.outcome(waitingUpTo: .milliseconds(300)) == nil)
        key.cancel()
        #expect(key.outcome(waitingUpTo: .seconds(2)) == true)
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 1))
        let failure = try #require(session.current?.preprocessingFailure)
        #expect(failure.cancelled)
        #expect(failure.message.contains("was cancelled after"), "\(failure.message)")
        #expect(session.externalCalls.cancelledCalls == 1)
    }

    /// `t` replays the chain while the frame is drawn; that happens on the key's thread too, so
    /// a function that hangs there is shown, and Esc cancels it.
    @Test func aHangWhileTDrawsIsShownAndEscCancelsIt() throws {
        let folder = try FixturePaths.temporaryDirectory("long-key-t")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (session, flag) = try Self.sessionHangingOnFlag(in: folder, timeout: .seconds(40))
        let screen = ScriptedScreen([
            .init(key: .character("t")) { _ in (try? Data().write(to: flag)) != nil },
            .init(key: .escape) { $0.showed("· Esc cancels · q quits") },
            .init(key: .character("q")) { $0.showed("the stages cannot be replayed:") },
        ])
        #expect(TerminalApp.loop(session, screen: screen) { nil } == .quit)
        #expect(screen.showed("python:slow.py:f on e0 b0 — "))
        #expect(session.externalCalls.cancelledCalls == 1)
        let shown = try #require(screen.frames.last { $0.contains("the stages cannot be replayed:") })
        #expect(shown.contains("was cancelled after"), "\(shown)")
    }

    /// Running (`r`) through a function that hangs on batch 3: the run's next batch waits on
    /// the call on a thread of its own, so the screen says so and `q` ends the inspector long
    /// before the call's 3 s timeout.
    @Test func quittingARunHeldUpByAHungCallIsPrompt() throws {
        let folder = try FixturePaths.temporaryDirectory("long-key-run")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid")
        let session = try Self.session(in: folder, pidFile: pidFile, timeout: .seconds(3))
        let screen = ScriptedScreen([
            .init(key: .character("r")),
            .init(key: .character("q")) { Self.workerID(pidFile) != nil && $0.showed("working on r — ") },
        ])
        let outcome = TerminalApp.loop(session, screen: screen) { nil }
        let ended = ContinuousClock.now
        #expect(outcome == .quit)
        let pressed = try #require(screen.lastPressed)
        #expect(ended - pressed < .milliseconds(1500), "ended \(ended - pressed) after q")
        #expect(screen.showed("working on r — ") && screen.showed(" · q quits"))
    }
}
