import Batching
import Testing

@testable import BatchViewCore

/// `y`: the resume token of the batch on screen, in the status line and handed to the front end
/// to copy; a session started at its address shows the same batch.
@Suite struct ResumeTokenKeyTests {
    @Test func yShowsTheTokenOfTheBatchOnScreenAndAsksToCopyIt() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        for key in Key.parseSequence("N n n y") { session.handle(key) }
        let frame = session.render(width: 80, height: 24).text
        assertSnapshot(frame, named: "resume-token-80x24")
        let copied = try #require(session.takeClipboardRequest())
        #expect(session.takeClipboardRequest() == nil, "one request per y")
        #expect(frame.contains(copied), "the whole token is in the status line at 80×24")
        let token = try #require(ResumeToken(copied))
        #expect(token.address == BatchAddress(epoch: 1, batch: 2))
        let resumed = try InspectorSession(
            dataset: session.dataset, configuration: session.configuration, colorMode: .none,
            environment: FixtureData.environment, startingAt: token.address)
        try token.check(against: resumed.configurationFingerprint)
        #expect(resumed.current?.indices == session.current?.indices)
        #expect(resumed.current?.indices == (try session.plan.indices(epoch: 1, batch: 2)))
    }

    @Test func aTokenOfAnotherSamplerIsRefusedNamingIt() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        session.handle(.character("y"))
        let copied = try #require(session.takeClipboardRequest())
        let token = try #require(ResumeToken(copied))
        session.handle(.character("s"))
        let error = #expect(throws: BatchingError.self) { try token.check(against: session.configurationFingerprint) }
        #expect(error?.description.contains("another --shuffle") == true)
    }

    @Test func aStartPastTheEpochsIsRefused() throws {
        var configuration = InspectorConfiguration(batchSize: 16, seed: 12345)
        configuration.epochs = 2
        #expect(throws: BatchingError.self) {
            try InspectorSession(
                dataset: FixtureData.mnistSmall(), configuration: configuration, colorMode: .none,
                environment: FixtureData.environment, startingAt: BatchAddress(epoch: 2, batch: 0))
        }
        #expect(throws: BatchingError.self) {
            try InspectorSession(
                dataset: FixtureData.mnistSmall(), configuration: configuration, colorMode: .none,
                environment: FixtureData.environment, startingAt: BatchAddress(epoch: 0, batch: 32))
        }
    }
}
