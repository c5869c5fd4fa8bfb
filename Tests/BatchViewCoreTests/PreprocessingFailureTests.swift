import Batching
import Testing

@testable import BatchViewCore

/// A python stage that fails on a batch leaves its raw batch on screen: the grid shows the raw
/// samples under a banner saying why, `a`, Enter and `t` work on them, `R` says the failure.
@Suite struct PreprocessingFailureTests {
    static let failure =
        "python:/work/aug3.py:f failed at epoch 0, batch 2: f raised ValueError: too dark (aug3.py, line 4)"

    /// The session at batch 2, where the stage raises.
    func failedSession() throws -> InspectorSession {
        let session = try FailingExternalStage.session()
        session.handle(.character("n"))
        session.handle(.character("n"))
        return session
    }

    @Test func theGridShowsTheRawSamplesUnderABanner() throws {
        let session = try failedSession()
        #expect(session.loadError == nil)
        let batch = try #require(session.current)
        #expect(batch.preprocessingFailure == PreprocessingFailure(message: Self.failure, cancelled: false))
        #expect(batch.indices == Array(32..<48))
        #expect(session.status.text == Self.failure && session.status.isError)
        let frame = session.render(width: 100, height: 30)
        let lines = frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let gridTitle = try #require(lines.firstIndex { $0.contains("1 Batch") })
        #expect(lines[gridTitle].contains("raw · zoom"))
        // The banner is cut to the pane; the status line has the whole sentence.
        #expect(lines[gridTitle + 1].hasPrefix("augmentation failed, raw samples shown: python:aug3.py:f fa…"))
        // The previews are the raw ones: row for row those of a session without the stage, one
        // row lower (under the banner).
        let plain = try FixtureData.session(FixtureData.mnistSmall(), shuffle: false)
        plain.handle(.character("n"))
        plain.handle(.character("n"))
        let plainLines = plain.render(width: 100, height: 30).text.split(separator: "\n").map(String.init)
        let geometry = try #require(session.gridGeometry())
        let width = geometry.previewWidth
        for row in 0..<geometry.previewRows {
            #expect(
                lines[gridTitle + 2 + row].prefix(width) == plainLines[gridTitle + 1 + row].prefix(width),
                "preview row \(row)")
        }
        #expect(lines[gridTitle + 2 + geometry.previewRows].contains("▸32"))
    }

    @Test func aEnterAndTWorkOnTheRawSamples() throws {
        let session = try failedSession()
        session.handle(.character("a"))
        #expect(session.status.text == "showing raw samples")
        session.handle(.character("a"))
        #expect(session.status.text == "this batch has no augmented samples, its raw ones are shown: " + Self.failure)
        #expect(session.render(width: 100, height: 30).text.contains("raw · zoom"))
        session.handle(.enter)
        let detail = session.render(width: 100, height: 30).text
        #expect(detail.contains("sample 32 · label 2"), "\(detail)")
        #expect(!detail.contains("no sample to show"))
        session.handle(.escape)
        session.handle(.character("t"))
        let steps = session.render(width: 100, height: 30).text
        #expect(steps.contains("raw 28×28"))
        #expect(steps.contains("the stages failed on this batch: python:/work/aug3.py:f failed"), "\(steps)")
    }

    @Test func replayCheckSaysTheFailureWithoutCallingAgain() throws {
        let session = try failedSession()
        session.handle(.character("R"))
        #expect(session.replayStatus == .failed(SliceAddress(epoch: 0, batch: 2), Self.failure))
        #expect(session.status.text == "replay check failed: " + Self.failure)
        #expect(session.render(width: 100, height: 30).text.contains("replay error e0 b2: python:/work/"))
    }

    @Test func stepingAwayAndBackCallsAgainAndAGoodBatchHasNoBanner() throws {
        let session = try failedSession()
        session.handle(.character("p"))
        #expect(session.current?.preprocessingFailure == nil)
        #expect(session.current?.preprocessed != nil)
        #expect(session.status.text.isEmpty)
        #expect(!session.render(width: 100, height: 30).text.contains("augmentation failed"))
        session.handle(.character("n"))
        #expect(session.current?.preprocessingFailure?.message == Self.failure)
    }

    @Test func aBuiltInStageThatCannotTakeTheBatchIsStillAnErrorOfTheLoad() throws {
        var dataset = FixtureData.mnistSmall()
        dataset.preprocessing = InspectedPreprocessing(
            try PreprocessSpec("crop:29").makePreprocessor(), name: "crop:29", seed: 1)
        let session = try FixtureData.session(dataset)
        #expect(session.current == nil)
        #expect(session.loadError?.contains("29×29 crop does not fit") == true)
    }
}
