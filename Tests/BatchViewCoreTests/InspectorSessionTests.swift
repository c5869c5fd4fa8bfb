import Batching
import Testing

@testable import BatchViewCore

/// What the keys do to the session: addresses, selection, samplers, prompts.
@Suite struct InspectorSessionTests {
    @Test func nextNextPreviousReturnsToTheSameBatchAndAugmentation() throws {
        var dataset = FixtureData.rgb()
        let preprocessor = try PreprocessSpec("crop:24,flip:h").makePreprocessor()
        dataset.preprocessing = InspectedPreprocessing(preprocessor, name: "crop:24,flip:h", seed: 12345)
        let session = try FixtureData.session(dataset)
        session.handle(.character("n"))
        let first = try #require(session.current)
        let firstFrame = session.render(width: 100, height: 30).text
        session.handle(.character("n"))
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 2))
        session.handle(.character("p"))
        let back = try #require(session.current)
        #expect(back.indices == first.indices)
        #expect(back.preprocessed?.images == first.preprocessed?.images)
        #expect(back.preprocessed?.samples == first.preprocessed?.samples)
        // Even recomputed from scratch (not kept), batch 1 is the same.
        let fresh = try FixtureData.session(dataset)
        fresh.go(to: BatchAddress(epoch: 0, batch: 1))
        #expect(fresh.current?.preprocessed?.images == first.preprocessed?.images)
        // The grid (the left 60 columns) is the same screen text.
        let grid = { (text: String) in text.split(separator: "\n").prefix(28).map { $0.prefix(60) } }
        #expect(grid(fresh.render(width: 100, height: 30).text) == grid(firstFrame))
    }

    @Test func epochsWrapAndStepBack() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall(), batchSize: 100)
        #expect(session.batchCount == 5)
        session.handle(.character("p"))
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 0))
        #expect(session.status.text == "this is the first batch")
        session.handle(.character("N"))
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 0))
        session.handle(.character("p"))
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 4))
        session.handle(.character("n"))
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 0))
        // Shuffled epochs differ.
        let epoch1 = session.current!.indices
        session.handle(.character("P"))
        #expect(session.current!.indices != epoch1)
    }

    @Test func goToAndFindUseTheStatusLinePrompt() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall(), batchSize: 50)
        for key in Key.parseSequence("g 1 : 7 Enter") { session.handle(key) }
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 7))
        for key in Key.parseSequence("/ 123 Enter") { session.handle(key) }
        let batch = try #require(session.current)
        #expect(batch.indices[session.state.selection] == 123)
        #expect(session.state.address.epoch == 1)
        #expect(
            session.status.text.hasPrefix(
                "sample 123 is in batch \(session.state.address.batch), row \(session.state.selection)"))
        for key in Key.parseSequence("g 99 Enter") { session.handle(key) }
        #expect(session.status.isError)
        #expect(session.status.text.contains("there is no batch 99 in epoch 1"))
        for key in Key.parseSequence("g 3 Esc") { session.handle(key) }
        #expect(session.state.overlay == nil)
    }

    /// As `batchview order` does, a session refuses a drawing sampler without shuffle or with
    /// repeats with the library's sentence, rather than turning shuffle on or dropping the repeats
    /// behind the user's back.
    @Test func aDrawingSamplerWithoutShuffleIsRefused() throws {
        #expect(throws: BatchingError.inOrderWithWeightedSampler) {
            try FixtureData.session(FixtureData.imbalanced(), batchSize: 64, shuffle: false, sampler: .balanced)
        }
        let shuffled = try FixtureData.session(
            FixtureData.imbalanced(), batchSize: 64, shuffle: true, sampler: .balanced)
        #expect(shuffled.configuration.shuffle)
        #expect(throws: BatchingError.samplerWithRepeats(3)) {
            try InspectorSession(
                dataset: FixtureData.imbalanced(),
                configuration: InspectorConfiguration(batchSize: 64, shuffle: true, sampler: .balanced, repeats: 3),
                colorMode: .none, environment: FixtureData.environment)
        }
        // Switching to a drawing sampler later with `b` keeps working: its draws ignore the repeats.
        let repeated = try InspectorSession(
            dataset: FixtureData.imbalanced(),
            configuration: InspectorConfiguration(batchSize: 64, shuffle: true, repeats: 3),
            colorMode: .none, environment: FixtureData.environment)
        repeated.handle(.character("b"))
        #expect(repeated.configuration.sampler == .balanced)
        #expect(repeated.current != nil)
    }

    @Test func balancedSamplerForcesShuffleAndRefusesToTurnItOff() throws {
        let session = try FixtureData.session(FixtureData.imbalanced(), batchSize: 64, shuffle: false)
        #expect(session.availableSamplers == [.uniform, .balanced])
        session.handle(.character("b"))
        #expect(session.configuration.sampler == .balanced)
        #expect(session.configuration.shuffle)
        #expect(session.status.text.contains("shuffle is on"))
        session.handle(.character("s"))
        #expect(session.configuration.shuffle)
        #expect(session.status.isError)
        // The balanced target gives each of the 9 classes 1/9.
        for share in session.balance!.targetShares { #expect(abs(share - 1.0 / 9) < 1e-9) }
        session.handle(.character("b"))
        #expect(session.configuration.sampler == .uniform)
        session.handle(.character("s"))
        #expect(!session.configuration.shuffle)
    }

    @Test func selectionMovesInTheGridAndAcrossBatchesAtTheEnds() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall(), batchSize: 16)
        _ = session.render(width: 100, height: 30)
        let columns = try #require(session.gridGeometry()).columns
        session.handle(.down)
        #expect(session.state.selection == columns)
        session.handle(.character("h"))
        #expect(session.state.selection == columns - 1)
        session.handle(.up)
        session.handle(.up)
        #expect(session.state.selection == 0)
        session.handle(.left) // first sample of the first batch: stays
        #expect(session.state.address.batch == 0 && session.state.selection == 0)
        session.state.selection = 15
        session.handle(.right) // past the last sample: the next batch
        #expect(session.state.address.batch == 1 && session.state.selection == 0)
    }

    @Test func panesZoomAndFocus() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        session.handle(.character("2"))
        #expect(!session.state.visiblePanes.contains(.balance))
        session.handle(.character("2"))
        #expect(session.state.visiblePanes.contains(.balance))
        session.handle(.tab)
        #expect(session.state.focus == .balance)
        let zoom = session.state.zoom
        session.handle(.character("+"))
        #expect(session.state.zoom == zoom + 1)
        for _ in 0..<40 { session.handle(.character("-")) }
        #expect(session.state.zoom == 0)
        #expect(session.handle(.character("q")) == false)
        #expect(session.handle(.controlC) == false)
    }

    @Test func classBalanceCountsTheEpochSoFarFromTheIndexStream() throws {
        let session = try FixtureData.session(FixtureData.imbalanced(), batchSize: 100, shuffle: true)
        session.go(to: BatchAddress(epoch: 0, batch: 7))
        var balance = session.balance!
        let counts = balance.epochCounts(plan: session.plan, epoch: 0, through: 7)
        #expect(counts == balance.datasetCounts) // a whole epoch of a uniform pass: every sample once
        #expect(counts == [400, 200, 100, 50, 25, 13, 7, 3, 2])
        #expect(ClassBalance.deviation(observed: 100, total: 800, share: 0.5) == -1)
        #expect(ClassBalance.deviation(observed: 400, total: 800, share: 0.5) == 0)
        #expect(ClassBalance.deviation(observed: 200, total: 800, share: 0.125) == 1)
    }

    @Test func runningFollowsThePrefetchPipelineInOrderAndNavigationPauses() throws {
        var dataset = FixtureData.rgb()
        dataset.preprocessing = InspectedPreprocessing(
            try PreprocessSpec("crop:24,flip:h").makePreprocessor(),
            name: "crop:24,flip:h", seed: 12345)
        let session = try FixtureData.session(dataset, batchSize: 64)
        session.handle(.character("r"))
        #expect(session.state.running)
        var seen = [BatchAddress]()
        for _ in 0..<7 {
            session.tick()
            seen.append(session.state.address)
        }
        #expect(
            seen
                == [1, 2, 3, 4, 0, 1, 2].enumerated().map {
                    BatchAddress(epoch: $0.offset >= 4 ? 1 : 0, batch: $0.element)
                })
        // The pipeline's batch is the batch the inspector itself computes at that address.
        let shown = try #require(session.current)
        let fresh = try FixtureData.session(dataset, batchSize: 64)
        fresh.go(to: shown.address)
        #expect(fresh.current?.indices == shown.indices)
        #expect(fresh.current?.preprocessed?.images == shown.preprocessed?.images)
        session.handle(.character("n"))
        #expect(!session.state.running)
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 3))
    }
}
