import Batching
import Foundation
import Synchronization
import Testing

@testable import BatchViewCore

/// The preprocessor pane with an external (python) stage: the function and its file, this
/// batch's time in the function and in transport, and the replay check's verdict (`R`), which
/// runs in the background and leaves the inspector usable whatever the stage does.
@Suite struct PreprocessorPaneExternalTests {
    /// A stand-in for a python stage: reports 0.6 ms in its function and 0.2 ms of transport per
    /// call, brightens every pixel by 1, and on its "second worker" does what `second` says.
    struct ScriptedStage: ExternalStage {
        enum Second: Sendable {
            case same
            case differ(rows: [Int])
            case fail(String)
            case wait(DispatchSemaphore)
        }

        var state = PreprocessorState()
        var second: Second
        var specification: String { "python:/home/me/project/aug.py:jitter" }
        var functionName: String { "jitter" }
        var definedIn: String { "/home/me/project/aug.py" }

        func sliceCount(for input: BatchSlice) throws -> Int { 1 }

        func slice(_ index: Int, of input: BatchSlice) throws -> BatchSlice {
            StageRecorder.current?.addExternal(seconds: 0.0006, transport: 0.0002)
            var out = input
            out.images = Tensor(
                shape: input.images.shape, scalars: input.images.scalars(as: UInt8.self).map { $0 &+ 1 })
            return out
        }

        func sliceTwice(of input: BatchSlice) throws -> (BatchSlice, BatchSlice) {
            let first = try slice(0, of: input)
            var other = first
            switch second {
            case .same: break
            case .differ(let rows):
                var values = first.images.scalars(as: UInt8.self)
                for row in rows { values[row * first.images.elementsPerRow] &+= 1 }
                other.images = Tensor(shape: first.images.shape, scalars: values)
            case .fail(let message): throw PreprocessingError.invalidParameter(stage: specification, detail: message)
            case .wait(let gate): gate.wait()
            }
            return (first, other)
        }
    }

    func session(_ second: ScriptedStage.Second) throws -> InspectorSession {
        var dataset = FixtureData.mnistSmall()
        let chain = try PreprocessorChain([RandomFlip(horizontal: true), ScriptedStage(second: second)])
        dataset.preprocessing = InspectedPreprocessing(
            chain, name: "flip:h,python:/home/me/project/aug.py:jitter", seed: 12345)
        return try FixtureData.session(dataset)
    }

    @Test func thePaneNamesTheFunctionItsFileAndTheTimesThenTheReplayVerdict() throws {
        let session = try session(.same)
        assertSnapshot(session.render(width: 80, height: 24).text, named: "python-stage-80x24")
        session.handle(.character("R"))
        session.waitForBackgroundWork()
        let frame = session.render(width: 80, height: 24).text
        assertSnapshot(frame, named: "python-stage-80x24-replayable")
        #expect(frame.contains("python jitter() in aug.py"))
        #expect(frame.contains("python 0.60 ms"))
        #expect(frame.contains("transport 0.20 ms"))
        #expect(frame.contains("replay ✓ e0 b0 same bytes twice"))
        #expect(session.status.text == "replayable: epoch 0, batch 0 gave the same bytes twice")
    }

    @Test func aDifferenceIsCountedAndNamed() throws {
        let session = try session(.differ(rows: [9, 4]))
        session.handle(.character("n"))
        session.handle(.character("R"))
        session.waitForBackgroundWork()
        let frame = session.render(width: 80, height: 24).text
        assertSnapshot(frame, named: "python-stage-80x24-not-replayable")
        #expect(session.status.isError)
        #expect(
            session.status.text
                == "not replayable: 2 of 16 samples differ at epoch 0, batch 1 (first at row 4), in python:/home/me/project/aug.py:jitter"
        )
    }

    @Test func anErrorIsShownAndTheInspectorKeepsStepping() throws {
        let session = try session(.fail("ValueError: no good (aug.py line 3)"))
        session.handle(.character("R"))
        session.waitForBackgroundWork()
        #expect(session.status.isError)
        #expect(session.status.text.contains("replay check failed:"))
        #expect(session.render(width: 80, height: 24).text.contains("replay error e0 b0: "))
        session.handle(.character("n"))
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 1))
        #expect(session.loadError == nil)
    }

    @Test func keysWorkWhileTheCheckRunsAndASecondCheckWaits() throws {
        let gate = DispatchSemaphore(value: 0)
        let session = try session(.wait(gate))
        session.handle(.character("R"))
        #expect(session.replayStatus == .running(SliceAddress(epoch: 0, batch: 0)))
        #expect(session.render(width: 80, height: 24).text.contains("replay: checking e0 b0…"))
        session.handle(.character("n"))
        session.handle(.character("n"))
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 2))
        session.handle(.character("R"))
        #expect(session.status.text.hasPrefix("a replay check is still running"))
        #expect(!session.pollBackgroundWork())
        gate.signal()
        session.waitForBackgroundWork()
        // The verdict is about the batch it was asked for.
        #expect(session.replayStatus?.address == SliceAddress(epoch: 0, batch: 0))
        #expect(session.status.text.hasPrefix("replayable: epoch 0, batch 0"))
    }

    @Test func builtInChainsAreCheckedToo() throws {
        var dataset = FixtureData.rgb()
        dataset.preprocessing = InspectedPreprocessing(
            try PreprocessSpec("crop:24,flip:h").makePreprocessor(), name: "crop:24,flip:h", seed: 12345)
        let session = try FixtureData.session(dataset)
        session.handle(.character("R"))
        session.waitForBackgroundWork()
        #expect(session.replayStatus.map { if case .verdict(let v) = $0 { v.isReplayable } else { false } } == true)
        let plain = try FixtureData.session(FixtureData.mnistSmall())
        plain.handle(.character("R"))
        #expect(plain.status.text.hasPrefix("no preprocessor"))
        #expect(plain.replayStatus == nil)
    }

    @Test func aRecordedStepIsTypedAfterS() {
        #expect(PromptEditor.edit("", with: .character("s")) == .editing("s"))
        #expect(PromptEditor.edit("1", with: .character("s")) == .editing("1"))
        #expect(PromptEditor.step(in: "s120").map { try? $0.get() } == 120)
        #expect(PromptEditor.step(in: "s 7").map { try? $0.get() } == 7)
        #expect(PromptEditor.step(in: "2 15") == nil)
        guard case .failure(let problem)? = PromptEditor.step(in: "s") else {
            Issue.record("s alone is not a step")
            return
        }
        #expect(problem.description == "type s and a step number, such as s120")
    }
}
