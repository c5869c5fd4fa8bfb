import Batching
import Testing

@testable import BatchViewCore

/// `v`: coverage of the inspector's configuration, from its plan, drawn at 80×24.
@Suite struct CoverageViewTests {
    @Test func aBalancedSamplerLeavesSamplesOutAndTheViewSaysWhich() throws {
        var configuration = InspectorConfiguration(batchSize: 16, seed: 12345, sampler: .balanced)
        configuration.epochs = 2
        let session = try InspectorSession(
            dataset: FixtureData.imbalanced(), configuration: configuration, colorMode: .none,
            environment: FixtureData.environment)
        session.handle(.character("v"))
        #expect(session.state.overlay == .view(OverlayID(CoverageView.self)))
        let frame = session.render(width: 80, height: 24).text
        assertSnapshot(frame, named: "overlay-coverage-80x24")
        let counted = try session.coverage().get()
        #expect(counted.coverage.epochs == 2 && counted.epochsGiven)
        // Independent count: every batch of both epochs, as `order` prints them.
        var visits = [UInt32](repeating: 0, count: session.dataset.sampleCount)
        for epoch in 0..<2 {
            for batch in 0..<(session.plan.batchCount ?? 0) {
                for index in try session.plan.indices(epoch: epoch, batch: batch) { visits[index] += 1 }
            }
        }
        #expect(counted.coverage.visits == visits)
        let never = visits.enumerated().filter { $0.element == 0 }.map(\.offset)
        #expect(
            frame.contains("never visited: \(never.count) — " + never.prefix(8).map(String.init).joined(separator: " "))
        )
        #expect(frame.contains("class       visited of all"))
        #expect(session.render(width: 56, height: 20).text.contains("per-class coverage needs 60 columns"))
    }

    @Test func anExactShuffleVisitsEverySampleOnceAnEpoch() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        session.handle(.character("v"))
        let counted = try session.coverage().get()
        #expect(counted.coverage.epochs == InspectorCoverage.defaultEpochs && !counted.epochsGiven)
        #expect(counted.coverage.histogram == Array(repeating: 0, count: 10) + [500])
        #expect(session.render(width: 80, height: 24).text.contains("every sample visited"))
    }
}
