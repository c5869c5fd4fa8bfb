import Batching
import Testing

@testable import BatchViewCore

/// `t`: the selected sample through each stage; the last panel is the augmented sample the
/// detail view shows, and each stage's parameters are this sample's draw.
@Suite struct TransformStepsViewTests {
    func session(_ spec: String, dataset: InspectedDataset = FixtureData.rgb()) throws -> InspectorSession {
        var dataset = dataset
        dataset.preprocessing = InspectedPreprocessing(
            try PreprocessSpec(spec).makePreprocessor(), name: spec, seed: 12345)
        return try FixtureData.session(dataset)
    }

    /// The chain is replayed once per batch and row: redraws (the idle loop's, on the main
    /// thread, which must never wait on a python stage) use the steps worked out before.
    @Test func eachRowIsReplayedOnce() throws {
        let memo = TransformStepsMemo()
        var replays = 0
        let replay = { () -> Result<TransformSteps, TransformStepsError> in
            replays += 1
            return .failure(.replayFailed("call \(replays)"))
        }
        for row in [3, 3, 5, 3] { _ = memo.steps(row: row, replay) }
        #expect(replays == 2)
        #expect("\(memo.steps(row: 3, replay))".contains("call 1"), "a failure is kept too")
        // A replay cancelled (Esc on a python call) is not kept: the next draw replays.
        var cancels = 0
        for _ in 0..<2 {
            _ = memo.steps(row: 7) {
                cancels += 1
                return .failure(.replayFailed("cancelled", cancelled: true))
            }
        }
        #expect(cancels == 2 && !memo.keptRows.contains(7))
        for row in 10..<(10 + TransformStepsMemo.capacity) { _ = memo.steps(row: row, replay) }
        #expect(memo.keptRows == Array(10..<(10 + TransformStepsMemo.capacity)), "the oldest rows go first")
        // In a session: drawing `t` keeps the selected row's steps with the batch on screen.
        let session = try session("crop:24,flip:h")
        for key in Key.parseSequence("n l l t") { session.handle(key) }
        _ = session.render(width: 120, height: 40)
        _ = session.render(width: 120, height: 40)
        #expect(try #require(session.current).transformSteps.keptRows == [2])
    }

    @Test func theLastStageIsTheAugmentedSample() throws {
        let session = try session("crop:24,flip:h,normalize")
        for key in Key.parseSequence("n l l Enter t") { session.handle(key) }
        #expect(session.state.overlay == .view(OverlayID(TransformStepsView.self)))
        let steps = try TransformSteps.of(session).get()
        let batch = try #require(session.current)
        let augmented = try #require(batch.preprocessed)
        #expect(steps.panels.count == 4)
        #expect(steps.sampleIndex == batch.indices[2])
        #expect(steps.panels[0].image == RawImage(batch: batch.images, row: 2, layout: .nhwc))
        #expect(steps.panels[3].image == RawImage(batch: augmented.images, row: 2, layout: .nhwc))
        // The crop's box and the flip are the draws the detail view reports for this sample.
        let transform = augmented.samples[2]
        #expect(steps.panels[1].detail == "box at y\(transform.top) x\(transform.left)")
        #expect(steps.panels[2].detail == "↔ " + (transform.flippedHorizontally ? "yes" : "no"))
        #expect(steps.panels[3].detail == "mean 0 std 1")
        // The crop's statistics are those of the raw pixels inside its box (fixture formula).
        var cropValues = [Float]()
        for r in transform.top..<(transform.top + 24) {
            for c in transform.left..<(transform.left + 24) {
                for ch in 0..<3 { cropValues.append(Float(FixtureData.value(batch.indices[2], r, c, ch))) }
            }
        }
        let crop = steps.panels[1].statistics
        #expect(crop.minimum == Double(cropValues.min()!) && crop.maximum == Double(cropValues.max()!))
        #expect(abs(crop.mean - Double(cropValues.reduce(0, +)) / Double(cropValues.count)) < 1e-9)
        #expect(crop.nanCount == 0 && crop.infinityCount == 0)
        #expect(steps.panels[3].statistics.maximum <= 1 && steps.panels[3].statistics.minimum >= 0)
    }

    @Test func drawnAt80x24AndSayingWhatDoesNotFitBelow() throws {
        let session = try session("crop:24,flip:h,normalize")
        for key in Key.parseSequence("n t") { session.handle(key) }
        let frame = session.render(width: 80, height: 24).text
        assertSnapshot(frame, named: "overlay-transform-steps-80x24")
        #expect(frame.contains("crop 24×24") && frame.contains("flip h") && frame.contains("normalize 0…1"))
        let narrow = session.render(width: 48, height: 14).text
        #expect(narrow.contains("1 more stage(s) not shown: all 4 need 59 columns"))
    }

    @Test func aTimeseriesWindowShowsItsBounds() throws {
        var values = [Float]()
        for i in 0..<16 { for t in 0..<100 { values.append(Float(i * 100 + t)) } }
        let dataset = InspectedDataset(
            name: "timeseries.h5", images: Tensor(shape: [16, 100, 1], scalars: values), imagesName: "x",
            layout: .ntc)
        let session = try session("timeseries:window=50,slide=25", dataset: dataset)
        for key in Key.parseSequence("n t") { session.handle(key) }
        let steps = try TransformSteps.of(session).get()
        #expect(steps.panels.map(\.caption).last == "window 50 slide 25")
        #expect(steps.panels.last?.detail == "steps 25..<75")
    }

    @Test func withoutAPreprocessorItSaysHowToGetOne() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        session.handle(.character("t"))
        #expect(session.render(width: 80, height: 24).text.contains("no preprocessor: give --preprocess SPEC"))
    }

    /// Segmentation masks cropped with the image's box (`crop:8,labels=same`): each panel shows
    /// the sample's mask as the stage leaves it, and the cropped mask is the raw mask inside the
    /// box the crop drew for the image (mask formula: (i + 3r + c) mod 7).
    @Test func labelImagesAreCutBesideTheImages() throws {
        func mask(_ i: Int, _ r: Int, _ c: Int) -> UInt8 { UInt8((i + 3 * r + c) % 7) }
        let pixels = (0..<40).flatMap { i in (0..<12).flatMap { r in (0..<12).map { c in FixtureData.value(i, r, c) } }
        }
        let masks = (0..<40).flatMap { i in (0..<12).flatMap { r in (0..<12).map { c in mask(i, r, c) } } }
        let dataset = InspectedDataset(
            name: "masks.h5", images: Tensor(shape: [40, 12, 12, 1], scalars: pixels),
            labels: Tensor(shape: [40, 12, 12], scalars: masks))
        let session = try session("crop:8,labels=same", dataset: dataset)
        for key in Key.parseSequence("l t") { session.handle(key) }
        let steps = try TransformSteps.of(session).get()
        let index = steps.sampleIndex
        let rawMask = try #require(steps.panels[0].labelImage)
        #expect(
            rawMask.width == 12
                && rawMask.values == (0..<12).flatMap { r in (0..<12).map { Float(mask(index, r, $0)) } })
        let box = try #require(steps.panels[0].cropBox)
        let cut = try #require(steps.panels[1].labelImage)
        let expected = (box.top..<(box.top + 8)).flatMap { r in
            (box.left..<(box.left + 8)).map { Float(mask(index, r, $0)) }
        }
        #expect(cut.width == 8 && cut.height == 8 && cut.values == expected)
        // The image was cut by the same box.
        let image = (box.top..<(box.top + 8)).flatMap { r in
            (box.left..<(box.left + 8)).map { Float(FixtureData.value(index, r, $0)) }
        }
        #expect(steps.panels[1].image.values == image)
        #expect(session.render(width: 80, height: 24).text.contains("label 8×8"))
        // Class-number labels have no label image.
        let classes = try self.session("crop:24")
        classes.handle(.character("t"))
        #expect(try TransformSteps.of(classes).get().panels.allSatisfy { $0.labelImage == nil })
    }
}
