import Batching
import Testing

@testable import BatchViewCore

/// `v`: coverage of the inspector's configuration, from its plan, drawn at 80×24.
@Suite struct CoverageViewTests {
    /// The imbalanced fixture under a balanced sampler, counted over 2 epochs.
    func balancedOverTwoEpochs() throws -> InspectorSession {
        var configuration = InspectorConfiguration(batchSize: 16, seed: 12345, sampler: .balanced)
        configuration.epochs = 2
        return try InspectorSession(
            dataset: FixtureData.imbalanced(), configuration: configuration, colorMode: .none,
            environment: FixtureData.environment)
    }

    @Test func aBalancedSamplerLeavesSamplesOutAndTheViewSaysWhich() throws {
        let session = try balancedOverTwoEpochs()
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

    /// ← → move the cursor over the never-visited samples (paging past 8); Enter shows the
    /// sample under it read from the dataset by index, with the fixture formula's pixels and the
    /// label it was stored with; Esc goes back to the coverage.
    @Test func theCursorPicksANeverVisitedSampleAndEnterShowsIt() throws {
        let session = try balancedOverTwoEpochs()
        for key in Key.parseSequence("v") { session.handle(key) }
        let never = try session.coverage().get().coverage.neverVisited(limit: 20)
        for key in Key.parseSequence("Right Right Left l l l l l l l") { session.handle(key) }
        #expect(session.state.coverageCursor == 8)
        let paged = session.render(width: 80, height: 24).text
        #expect(paged.contains("— … " + never[8..<16].map(String.init).joined(separator: " ") + " …"))
        session.handle(.enter)
        #expect(session.state.overlay == .view(OverlayID(UnvisitedSampleView.self)))
        let index = never[8]
        let frame = session.render(width: 80, height: 24).text
        let labels = try #require(session.labels)
        #expect(frame.contains("sample \(index) · label \(labels[index]) · in no batch"))
        let pixels = (0..<12).flatMap { r in (0..<12).map { c in Int(FixtureData.value(index, r, c)) } }
        #expect(frame.contains("imbalanced.h5 row \(index) · raw 12×12, as stored"))
        let statistics =
            "      0 "
            + [pixels.min()!, pixels.max()!].map { DetailView.number(Double($0)) }
            .joined(separator: " ")
        #expect(frame.contains(statistics))
        session.handle(.escape)
        #expect(session.state.overlay == .view(OverlayID(CoverageView.self)))
        session.handle(.escape)
        #expect(session.state.overlay == nil)
    }
}
