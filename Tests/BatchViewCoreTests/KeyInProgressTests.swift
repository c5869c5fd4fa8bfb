import Batching
import Foundation
import Testing

@testable import BatchViewCore

/// A key handled on its own thread (``KeyInProgress``): while a python call hangs, the key's
/// outcome is not known, the busy frame says what runs, on which batch and for how long, and a
/// cancel ends the call — the batch then shows cancelled, its raw samples visible.
@Suite struct KeyInProgressTests {
    @Test func aHungCallIsShownWhileItRunsAndACancelShowsTheRawBatch() throws {
        let session = try FailingExternalStage.session()
        session.handle(.character("g"))
        session.handle(.character("3"))
        let before = session.render(width: 100, height: 30)
        let key = session.beginHandling(.enter)
        #expect(key.outcome(waitingUpTo: .milliseconds(200)) == nil)
        let deadline = ContinuousClock.now + .seconds(5)
        while session.externalCalls.running == nil, ContinuousClock.now < deadline { usleep(1000) }
        let call = try #require(session.externalCalls.running)
        #expect(call.address == SliceAddress(epoch: 0, batch: 3))
        let busy = key.busyFrame(over: before, at: call.started + .milliseconds(4200)).text
        let lastLine = try #require(busy.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last)
        #expect(
            lastLine.hasPrefix("python:aug3.py:f on e0 b3 — 4.2 s (timeout 30 s) · Esc cancels · q quits"),
            "\(lastLine)")
        // The rest of the screen is the one before the key.
        #expect(busy.split(separator: "\n").dropLast() == before.text.split(separator: "\n").dropLast())

        key.cancel()
        #expect(key.outcome(waitingUpTo: .seconds(5)) == true)
        #expect(session.externalCalls.cancelledCalls == 1)
        #expect(session.externalCalls.running == nil)
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 3))
        let batch = try #require(session.current)
        #expect(batch.preprocessed == nil)
        #expect(batch.preprocessingFailure?.cancelled == true)
        // The raw rows: samples 48…63 by the fixture's formula.
        #expect(batch.indices == Array(48..<64))
        let expected = (48..<64).flatMap { i in (0..<28).flatMap { r in (0..<28).map { FixtureData.value(i, r, $0) } } }
        #expect(batch.images.scalars(as: UInt8.self) == expected)
        let frame = session.render(width: 100, height: 30).text
        #expect(frame.contains("augmentation cancelled, raw samples shown: python:aug3.py:f"))
        #expect(session.status.isError && session.status.text.contains("was cancelled after"))
    }

    @Test func aQuickKeyEndsBeforeItWouldBeShown() throws {
        let session = try FailingExternalStage.session()
        let key = session.beginHandling(.character("n"))
        #expect(key.outcome(waitingUpTo: .seconds(5)) == true)
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 1))
        #expect(session.current?.preprocessed != nil)
        #expect(session.externalCalls.cancelledCalls == 0)
        #expect(session.beginHandling(.character("q")).outcome(waitingUpTo: .seconds(5)) == false)
    }

    @Test func aCallAfterACancelInTheSameKeyIsNotMadeAndTheNextKeyCallsAgain() throws {
        let session = try FailingExternalStage.session(hangsOn: 1)
        let key = session.beginHandling(.character("n"))
        let deadline = ContinuousClock.now + .seconds(5)
        while session.externalCalls.running == nil, ContinuousClock.now < deadline { usleep(1000) }
        key.cancel()
        #expect(key.outcome(waitingUpTo: .seconds(5)) == true)
        #expect(session.current?.preprocessingFailure?.cancelled == true)
        // A new key clears the cancellation: the next batch is augmented again.
        #expect(session.beginHandling(.character("n")).outcome(waitingUpTo: .seconds(5)) == true)
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 2))
        #expect(session.current?.preprocessingFailure?.cancelled == false)
    }

    @Test func theProgressLineSaysWhatRunsThenThatItIsBeingCancelled() {
        let watch = ExternalCallWatch()
        let key = KeyInProgress(key: .character("n"), watch: watch, pen: .plain)
        #expect(key.progress(at: key.started + .milliseconds(300)) == "working on n — 0.3 s · q quits")
        let call = ExternalCallWatch.Call(
            stage: "python-sample:/home/me/aug.py:f", address: SliceAddress(epoch: 2, batch: 7, slice: 1),
            started: key.started, timeout: .milliseconds(2500))
        watch.begin(call)
        #expect(
            key.progress(at: key.started + .seconds(1))
                == "python-sample:aug.py:f on e2 b7 s1 — 1.0 s (timeout 2.5 s) · Esc cancels · q quits")
        watch.cancel()
        #expect(
            key.progress(at: key.started + .seconds(1))
                == "cancelling python-sample:aug.py:f on e2 b7 s1 — 1.0 s · q quits")
        watch.end()
        watch.recordCancelled()
        #expect(watch.cancelledCalls == 1 && watch.running == nil)
    }
}
