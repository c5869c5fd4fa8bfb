import Batching
import Testing

@testable import BatchViewCore

/// Typed numbers, odd labels and other input QA found crashing or misleading the inspector.
@Suite struct InspectorBadInputTests {
    func type(_ keys: String, into session: InspectorSession) {
        for key in Key.parseSequence(keys) { session.handle(key) }
    }

    @Test func aHugeTypedEpochIsOutOfRangeNotACrash() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall(), batchSize: 64)
        type("g 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 space 1 Enter", into: session)
        #expect(session.status.isError)
        #expect(session.status.text == "epoch 99999999999999999 is out of range")
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 0))
        _ = session.render(width: 100, height: 30)
        // More digits than an integer holds.
        type("g 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 Enter", into: session)
        #expect(session.status.text == "batch 9999999999999999999999 is out of range")
        type("/ 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 Enter", into: session)
        #expect(session.status.text == "sample 9999999999999999999999 is out of range")
        _ = session.render(width: 100, height: 30)
    }

    @Test func aMinusSignIsAnErrorNotDropped() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall(), batchSize: 64)
        type("g - 1 Enter", into: session)
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 0))
        #expect(session.status.isError)
        #expect(session.status.text == "batch -1 is negative; type a number ≥ 0")
        type("/ - 5 Enter", into: session)
        #expect(session.state.selection == 0)
        #expect(session.status.isError)
        #expect(session.status.text.contains("sample -5 is negative"))
    }

    @Test func epochsStopAtTheLastEpoch() throws {
        let session = try InspectorSession(
            dataset: FixtureData.mnistSmall(),
            configuration: InspectorConfiguration(batchSize: 250, shuffle: true, seed: 1, epochs: 2),
            colorMode: .none, environment: FixtureData.environment)
        type("N n", into: session)
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 1))
        type("n", into: session)
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 1))
        #expect(session.status.text.contains("last epoch"))
        type("N", into: session)
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 1))
        #expect(session.status.text.contains("past the last epoch"))
        type("g 2 0 Enter", into: session)
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 1))
    }

    /// The screen text with line breaks and the runs of spaces between panes folded to one space.
    static func flat(_ session: InspectorSession) -> String {
        session.render(width: 100, height: 30).text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(
            separator: " ")
    }

    @Test func theShardSurvivesCyclingSamplers() throws {
        let session = try InspectorSession(
            dataset: FixtureData.mnistSmall(),
            configuration: InspectorConfiguration(batchSize: 10, shuffle: false, seed: 1, shardRank: 1, shardCount: 2),
            colorMode: .none, environment: FixtureData.environment)
        #expect(session.current?.indices == [1, 3, 5, 7, 9, 11, 13, 15, 17, 19])
        type("b", into: session)
        #expect(session.configuration.sampler == .balanced)
        type("b s", into: session)
        #expect(session.configuration.sampler == .uniform)
        #expect(session.configuration.shuffle == false)
        #expect(session.current?.indices == [1, 3, 5, 7, 9, 11, 13, 15, 17, 19])
        #expect(session.batchCount == 25)
    }

    @Test func runningStopsAtTheLastEpoch() throws {
        let session = try InspectorSession(
            dataset: FixtureData.mnistSmall(),
            configuration: InspectorConfiguration(batchSize: 250, shuffle: true, seed: 1, epochs: 1),
            colorMode: .none, environment: FixtureData.environment)
        type("r", into: session)
        #expect(session.state.running)
        for _ in 0..<5 { session.tick() }
        #expect(!session.state.running)
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 1))
        #expect(session.status.text.contains("last epoch"))
    }

    static func dataset(labels: [Int64]) -> InspectedDataset {
        let count = labels.count
        let images = Tensor(shape: [count, 4, 4], scalars: [UInt8](repeating: 7, count: count * 16))
        return InspectedDataset(name: "odd.h5", images: images, labels: Tensor(labels))
    }

    @Test func hugeLabelsAreShownButNotCharted() throws {
        let session = try FixtureData.session(
            Self.dataset(labels: [0, 1_000_000_000_000, 2, 3]), batchSize: 4, shuffle: false)
        #expect(session.classCount == 0)
        #expect(session.balance == nil)
        #expect(session.labelText(row: 1) == "1000000000000")
        // Four distinct labels are few: it is their size that keeps them from the chart.
        #expect(Self.flat(session).contains("labels up to 1000000000000 are too large"))
        let two = try FixtureData.session(Self.dataset(labels: [0, 2_000_000]), batchSize: 2)
        #expect(two.classCount == 0)
    }

    @Test func manyDistinctLabelsAreNotCharted() throws {
        let session = try FixtureData.session(Self.dataset(labels: (0..<1500).map(Int64.init)), batchSize: 16)
        #expect(session.balance == nil)
        #expect(Self.flat(session).contains("too many classes to chart (1500 distinct labels"))
    }

    @Test func minusOneLabelsAreShownAndLeftOutOfTheChart() throws {
        let session = try FixtureData.session(Self.dataset(labels: [0, -1, 1, -1, 2, 0]), batchSize: 6, shuffle: false)
        #expect(session.classCount == 3)
        #expect(session.labelText(row: 1) == "-1")
        let balance = try #require(session.balance)
        #expect(balance.datasetCounts == [2, 1, 1])
        #expect(Self.flat(session).contains("2 labels < 0 left out"))
    }

    @Test func fractionalFloatLabelsAreNotClassLabels() throws {
        let images = Tensor(shape: [4, 4, 4], scalars: [UInt8](repeating: 7, count: 64))
        let dataset = InspectedDataset(name: "reg.h5", images: images, labels: Tensor([Float(0.5), 1.25, 2, 3]))
        let session = try FixtureData.session(dataset, batchSize: 4, shuffle: false)
        #expect(session.balance == nil)
        #expect(session.labelText(row: 1) == "1.25")
        #expect(Self.flat(session).contains("the labels are values (0.5 to 3), not classes"))
    }
}

/// `+` stops where a sample fills the pane, so `-` acts at once.
@Suite struct InspectorZoomTests {
    @Test func zoomStopsWhereOneSampleFillsThePane() throws {
        let session = try FixtureData.session(FixtureData.rgb(), batchSize: 64)
        _ = session.render(width: 100, height: 30)
        var widths = [Int]()
        for _ in 0..<8 {
            session.handle(.character("+"))
            widths.append(try #require(session.gridGeometry()).previewWidth)
        }
        #expect(widths.allSatisfy { $0 > 8 })
        #expect(widths == widths.sorted())
        #expect(session.status.text == "this is the largest zoom at which a sample fits the pane")
        let largest = try #require(widths.last)
        session.handle(.character("-"))
        #expect(try #require(session.gridGeometry()).previewWidth < largest)
        // The preview is painted: the tile is not blank.
        session.handle(.character("+"))
        let frame = session.render(width: 100, height: 30).text.split(separator: "\n")
        #expect(frame[5].prefix(50).contains { $0 != " " })
    }
}

/// The detail view lists the statistics of every channel, paging to the one `x` selects.
@Suite struct DetailViewChannelTests {
    static func channels(_ count: Int) -> InspectedDataset {
        // Channel ch of every pixel holds 10·ch + 1, so each channel's min, max and mean is that.
        let pixels = (0..<(8 * 8 * 8 * count)).map { Float(10 * ($0 % count) + 1) }
        return InspectedDataset(
            name: "multi.h5", images: Tensor(shape: [8, 8, 8, count], scalars: pixels), layout: .nhwc)
    }

    func statisticRows(_ text: String) -> [Int] {
        text.split(separator: "\n").compactMap { line -> Int? in
            let cells = line.split(separator: " ")
            guard cells.count >= 7, let channel = Int(cells[cells.count - 7]), Double(cells[cells.count - 6]) != nil
            else { return nil }
            return channel
        }
    }

    @Test func everyChannelIsListed() throws {
        let session = try FixtureData.session(Self.channels(6), batchSize: 8)
        session.handle(.enter)
        let text = session.render(width: 100, height: 30).text
        #expect(statisticRows(text) == [0, 1, 2, 3, 4, 5])
        #expect(text.contains("      5         51         51         51          0"))
    }

    @Test func manyChannelsPageToTheSelectedOne() throws {
        let session = try FixtureData.session(Self.channels(40), batchSize: 8)
        for _ in 0..<37 { session.handle(.character("x")) }
        session.handle(.enter)
        let text = session.render(width: 100, height: 30).text
        let rows = statisticRows(text)
        #expect(rows.contains(37))
        #expect(rows.count > 4)
        #expect(text.contains("ch 29–39 of 40, x steps"))
    }
}

/// The help overlay shows every binding's whole description (wrapped), not a cut one.
@Suite struct HelpOverlayWrapTests {
    @Test(arguments: [(100, 30), (120, 30), (140, 40)])
    func everyWordOfEveryBindingIsShown(width: Int, height: Int) throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        session.handle(.character("?"))
        let text = session.render(width: width, height: height).text
        let words = Set(text.split(whereSeparator: { $0 == " " || $0 == "│" || $0 == "\n" }).map(String.init))
        for binding in session.keyMap.bindings {
            for word in binding.help.split(separator: " ") {
                #expect(words.contains(String(word)), "\(word) of \(binding.help) at \(width)×\(height)")
            }
        }
    }
}

/// A batch that cannot load shows its whole sentence in the batch pane, wrapped.
@Suite struct LoadErrorWrapTests {
    @Test func aLongStatusSentenceWrapsOverTheFooter() throws {
        let session = try FixtureData.session(FixtureData.mnistSmall())
        session.setStatus(String(repeating: "word ", count: 30) + "end", isError: true)
        let lines = session.render(width: 100, height: 30).text.split(separator: "\n", omittingEmptySubsequences: false)
        let footer = lines[28] + " " + lines[29]
        #expect(footer.split(separator: " ").joined(separator: " ") == String(repeating: "word ", count: 30) + "end")
    }

    @Test func theWholeSentenceIsInThePane() throws {
        var dataset = FixtureData.mnistSmall()
        dataset.preprocessing = InspectedPreprocessing(
            try PreprocessSpec("crop:29").makePreprocessor(), name: "crop:29", seed: 1)
        let session = try FixtureData.session(dataset)
        let reason = try #require(session.loadError)
        #expect(reason.count > 60)
        let pane = session.render(width: 100, height: 30).text.split(separator: "\n").dropFirst(4).map { $0.prefix(60) }
        let flat = pane.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(flat.contains(("no batch: " + reason).split(separator: " ").joined(separator: " ")))
    }
}

/// Control characters in names from a file are shown as visible escapes, never sent raw.
@Suite struct ControlCharacterTests {
    @Test func escapesInNamesAreMadeVisible() throws {
        var dataset = FixtureData.rgb(count: 40)
        dataset.name = "evil\u{1B}[2J\u{07}.h5"
        dataset.classNames = ["a\u{1B}]0;t\u{07}", "b\u{9B}c", "bird", "cat", "deer"]
        let session = try FixtureData.session(dataset, colorMode: .palette256)
        let frame = session.render(width: 100, height: 30)
        let raw = frame.text.unicodeScalars.filter { $0.properties.generalCategory == .control && $0 != "\n" }.map(
            \.value)
        #expect(raw == [])
        let name = frame.text.contains("evil\\e[2J?.h5")
        let className = frame.text.contains("a\\e]0;t?")
        #expect(name)
        #expect(className)
        // The ANSI text carries only the renderer's own escapes: every ESC starts a colour sequence.
        let ansi = frame.ansiText
        let leaked = [
            ansi.contains("\u{1B}[2J"), ansi.contains("\u{1B}]0;"), ansi.contains("\u{07}"), ansi.contains("\u{9B}"),
        ]
        #expect(leaked == [false, false, false, false])
    }
}
