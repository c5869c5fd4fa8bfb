import Batching
import Testing

@testable import BatchViewCore

/// The inspector on a forward-only source: it steps forward, keeps the last batches for `p`,
/// says what it cannot do, and handles the source's end.
@Suite struct InspectorForwardOnlyTests {
    let data = FixtureData.mnistSmall()

    /// The fixture's 500 images and labels given forward only, in order, in batches of the size asked.
    func generator(_ count: SampleCount = .unknown) throws -> CallableDataSource {
        let array = try ArrayDataSource([data.images, try #require(data.labels)])
        return CallableDataSource(sampleCount: count) { options, epoch in
            try array.batches(options, startingAt: BatchAddress(epoch: epoch, batch: 0)).columnStream()
        }
    }

    func session(_ source: any SequentialDataSource, capacity: Int? = nil) throws -> InspectorSession {
        let dataset = try InspectedDataset(
            name: "generator", forwardOnly: source, options: BatchOptions(batchSize: 16), capacity: capacity,
            classNames: (0..<10).map { "class\($0)" })
        return try InspectorSession(
            dataset: dataset, configuration: InspectorConfiguration(batchSize: 16), colorMode: .none,
            environment: FixtureData.environment)
    }

    /// The fixture's images of rows `rows`, as the truth to compare a shown batch with.
    func images(_ rows: Range<Int>) throws -> Tensor { try data.images.gatherRows(Array(rows)) }

    @Test func stepsForwardAndBackWithinTheKeptBatches() throws {
        let session = try session(try generator(), capacity: 3)
        for _ in 0..<3 { session.handle(.character("n")) }
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 3))
        #expect(session.current?.images == (try images(48..<64)))
        #expect(session.current?.indices == Array(48..<64))
        let header = session.render(width: 120, height: 30).text
        #expect(header.contains("batch 3 of ? (until the source ends)"))
        #expect(header.contains("samples 48…63 of the stream"))
        // No epoch: everything the source gives is one stream.
        #expect(header.split(separator: "\n")[2].hasPrefix("batch 3 of ?"))
        #expect(header.contains("images uint8 (?, 28, 28)"))
        // The footer's hints leave out the keys it refuses.
        #expect(header.contains("n next  p prev") && !header.contains("b sampler") && !header.contains("/ find"))
        // p steps back through the three kept batches, each the same as read.
        session.handle(.character("p"))
        session.handle(.character("p"))
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 1))
        #expect(session.current?.images == (try images(16..<32)))
        // Batch 0 was let go to keep three: p stays and says so.
        session.handle(.character("p"))
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 1))
        #expect(session.status.text.contains("was read and let go"))
        #expect(session.current?.images == (try images(16..<32)))
        // n goes forward again through kept batches, then reads the next one.
        for _ in 0..<3 { session.handle(.character("n")) }
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 4))
        #expect(session.current?.images == (try images(64..<80)))
    }

    @Test func refusesWhatNeedsAddressesAhead() throws {
        let session = try session(try generator())
        let refusals: [(Key, String)] = [
            (.character("b"), "there is no sampler to switch"), (.character("s"), "shuffling is up to the source"),
            (.character("y"), "there is no resume token"), (.character("/"), "no indices to find"),
        ]
        for (key, sentence) in refusals {
            session.handle(key)
            #expect(session.status.text.contains(sentence) && session.status.isError, "\(key)")
            #expect(session.state.overlay == nil && session.state.address == BatchAddress(epoch: 0, batch: 0))
        }
        #expect(session.takeClipboardRequest() == nil)
        // N: a source that does not say its length has no epochs.
        session.handle(.character("N"))
        #expect(session.status.text.contains("it has no epochs") && session.state.address.epoch == 0)
        #expect(session.current != nil)
        // P says the same, rather than that this is epoch 0.
        session.handle(.character("P"))
        #expect(session.status.text.contains("it has no epochs") && !session.status.text.contains("already"))
        // g past the next batch: not read yet.
        for key in [Key.character("g"), .character("9"), .enter] { session.handle(key) }
        #expect(session.status.text.contains("has not been read yet"))
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 0))
        // g to the next batch reads it, as n does.
        for key in [Key.character("g"), .character("1"), .enter] { session.handle(key) }
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 1))
        guard case .failure(let failure) = session.coverage() else {
            Issue.record("coverage of a forward-only source")
            return
        }
        #expect("\(failure)".contains("a forward-only source has no sampler"))
    }

    @Test func saysWhenTheSourceEnds() throws {
        let batches = (0..<3).map { k in [Tensor(shape: [2, 4, 4], scalars: [UInt8](repeating: UInt8(k), count: 32))] }
        let session = try session(IteratorDataSource(batches))
        session.handle(.character("n"))
        session.handle(.character("n"))
        #expect(session.current?.images == batches[2][0])
        session.handle(.character("n"))
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 2))
        #expect(session.status.text.contains("the source ended after 3 batches") && !session.status.isError)
        #expect(session.current?.images == batches[2][0])
        #expect(session.render(width: 120, height: 30).text.contains("batch 2 of 3 (the source ended)"))
        // Running from the first batch stops at the end with the same sentence.
        session.handle(.character("p"))
        session.handle(.character("p"))
        session.handle(.character("r"))
        for _ in 0..<5 { session.tick() }
        #expect(!session.state.running)
        #expect(session.status.text.contains("the source ended after 3 batches"))
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 2))
    }

    @Test func aKnownCountGivesEpochs() throws {
        let session = try session(try generator(.finite(500)))
        #expect(session.batchCount == 32)
        #expect(session.render(width: 120, height: 30).text.contains("epoch 0  batch 0 of 32"))
        for _ in 0..<32 { session.handle(.character("n")) }
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 0))
        // The callable gives a fresh epoch: the stream continues at sample 500.
        #expect(session.current?.indices == Array(500..<516))
        #expect(session.current?.images == (try images(0..<16)))
    }

    @Test func classBalanceIsNotChartedAndLabelsKeepTheirNames() throws {
        let session = try session(try generator())
        #expect(session.balance == nil && !session.labelSummary.charted)
        #expect(session.labelSummary.note == LabelSummary.forwardOnlyNote)
        #expect(session.labelText(row: 3) == "class3")
        #expect(session.render(width: 120, height: 40).text.contains("a forward-only source: its labels"))
    }

    @Test func anotherBatchSizeIsRefusedWithTheLibrarysSentence() throws {
        let dataset = try InspectedDataset(
            name: "generator", forwardOnly: try generator(), options: BatchOptions(batchSize: 16))
        #expect(throws: BatchingError.self) {
            try InspectorSession(dataset: dataset, configuration: InspectorConfiguration(batchSize: 32))
        }
        #expect(throws: BatchingError.self) {
            try InspectedDataset(
                name: "empty", forwardOnly: IteratorDataSource([]), options: BatchOptions(batchSize: 4))
        }
    }
}
