import Batching
import Foundation
import Testing

@testable import BatchViewCore

/// Text snapshots of whole frames, one per pane and overlay, at 100×30 in the ASCII mode.
@Suite struct InspectorScreenTests {
    @Test func firstFrameOfMnist() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        assertSnapshot(session.render(width: 100, height: 30).text, named: "mnist-first-frame")
    }
}

/// One snapshot per pane and overlay.
@Suite struct PaneSnapshotTests {
    func pane(
        _ session: InspectorSession, width: Int, height: Int,
        _ draw: (InspectorSession, Rect, Theme, inout ScreenBuffer) -> Void
    ) -> String {
        _ = session.render(width: 100, height: 30)
        var buffer = ScreenBuffer(width: width, height: height)
        draw(session, buffer.bounds, Theme(mode: .none), &buffer)
        return buffer.text
    }

    @Test func header() throws {
        let session = try FixtureData.session(FixtureData.rgb(), batchSize: 32)
        session.handle(.character("N"))
        assertSnapshot(pane(session, width: 100, height: 3, HeaderPane.draw), named: "pane-header")
    }

    @Test func batchGridWithClassNamesOnItsSecondPage() throws {
        let session = try FixtureData.session(FixtureData.rgb(), batchSize: 32)
        session.handle(.character("]"))
        assertSnapshot(pane(session, width: 60, height: 25, BatchGridPane.draw), named: "pane-grid")
    }

    @Test func classBalanceUnderTheBalancedSampler() throws {
        let session = try FixtureData.session(FixtureData.imbalanced(), batchSize: 64, sampler: .balanced)
        session.go(to: BatchAddress(epoch: 0, batch: 9))
        assertSnapshot(pane(session, width: 40, height: 12, ClassBalancePane.draw), named: "pane-class-balance")
    }

    @Test func preprocessorWithCropAndFlip() throws {
        var dataset = FixtureData.rgb()
        dataset.preprocessing = InspectedPreprocessing(
            try PreprocessSpec("crop:24,flip:h").makePreprocessor(),
            name: "crop:24,flip:h", seed: 12345)
        let session = try FixtureData.session(dataset)
        session.handle(.right)
        assertSnapshot(pane(session, width: 40, height: 4, PreprocessorPane.draw), named: "pane-preprocessor-crop")
    }

    @Test func preprocessorWithTimeseriesWindows() throws {
        var values = [Float]()
        for i in 0..<64 {
            for t in 0..<200 { for _ in 0..<3 { values.append(Float(sin(Double(t) / Double(5 + i % 7)))) } }
        }
        var dataset = InspectedDataset(
            name: "timeseries.h5", images: Tensor(shape: [64, 200, 3], scalars: values), imagesName: "x",
            layout: .ntc, labels: Tensor((0..<64).map { Int64($0 % 2) }), labelsName: "y")
        dataset.preprocessing = InspectedPreprocessing(
            try PreprocessSpec("timeseries:window=50,slide=25").makePreprocessor(),
            name: "timeseries:window=50,slide=25", seed: 12345)
        let session = try FixtureData.session(dataset)
        session.handle(.character("n"))
        session.handle(.character("n"))
        assertSnapshot(
            pane(session, width: 40, height: 4, PreprocessorPane.draw), named: "pane-preprocessor-timeseries")
        #expect(session.current?.sliceCount == 7) // 1 + (200 − 50) / 25
        #expect(session.current?.preprocessed?.window == 50..<100)
    }

    @Test func memoryAndThroughputWithAFixedClock() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        for _ in 0..<5 { session.handle(.character("n")) }
        assertSnapshot(pane(session, width: 40, height: 5, MemoryPane.draw), named: "pane-memory")
        assertSnapshot(pane(session, width: 40, height: 5, ThroughputPane.draw), named: "pane-throughput")
    }

    @Test func footerWithAPrompt() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        for key in Key.parseSequence("/ 12") { session.handle(key) }
        assertSnapshot(pane(session, width: 100, height: 2, FooterPane.draw), named: "pane-footer-prompt")
    }

    @Test func helpOverlay() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        session.handle(.character("?"))
        assertSnapshot(session.render(width: 100, height: 30).text, named: "overlay-help")
        session.handle(.character("x"))
        #expect(session.state.overlay == nil)
    }

    @Test func detailView() throws {
        var dataset = FixtureData.rgb()
        dataset.preprocessing = InspectedPreprocessing(
            try PreprocessSpec("crop:24,flip:h").makePreprocessor(),
            name: "crop:24,flip:h", seed: 12345)
        let session = try FixtureData.session(dataset)
        for key in Key.parseSequence("n Right Right Enter") { session.handle(key) }
        assertSnapshot(session.render(width: 100, height: 30).text, named: "overlay-detail")
    }

    @Test func tooSmallScreen() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        assertSnapshot(session.render(width: 30, height: 8).text, named: "too-small")
    }

    @Test func asciiModeOfColourImagesAtAnotherSize() throws {
        let session = try FixtureData.session(FixtureData.nchwFloat(), batchSize: 8, colorMode: .none)
        let frame = session.render(width: 120, height: 36)
        assertSnapshot(frame.text, named: "ascii-nchw-120x36")
        #expect(frame.cells.allSatisfy { $0.pen.foreground == .default && $0.pen.background == .default })
    }

    @Test func narrowScreenShowsOnlyTheGrid() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        assertSnapshot(session.render(width: 60, height: 20).text, named: "mnist-60x20")
    }
}
