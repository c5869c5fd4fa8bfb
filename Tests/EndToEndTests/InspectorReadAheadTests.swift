import Batching
import BatchingHDF5
import Foundation
import Testing

@testable import BatchViewCore

/// The inspector's read ahead on `kaggle_dir` (`--file-batches`): after each key, the batches
/// `n`, `p` and `N` go to are read in the background; whichever key comes, the batch shown is
/// the file the feeder's `fileIndex` names (checked against the fixture's formula), the likely
/// keys are served without a read on the key's path, and what it holds stays bounded.
@Suite struct InspectorReadAheadTests {
    /// The file batches session with reads ahead on (a fixed clock and memory, as in other tests).
    static func session(shuffle: Bool) throws -> (InspectorSession, FileBatchesDataSource) {
        let (plain, feeder) = try InspectorFileBatchesTests.session(shuffle: shuffle)
        var environment = InspectorEnvironment.fixed()
        environment.prefetches = true
        let session = try InspectorSession(
            dataset: plain.dataset, configuration: plain.configuration, colorMode: .none, environment: environment)
        return (session, feeder)
    }

    /// The batch on screen is the file the feeder reads at the session's address, byte for byte.
    static func expectFileOnScreen(_ session: InspectorSession, _ feeder: FileBatchesDataSource) throws {
        let address = session.state.address
        let file = try feeder.fileIndex(epoch: address.epoch, batch: address.batch, session.configuration.batchOptions)
        let batch = try #require(session.current)
        #expect(batch.address == address)
        #expect(
            batch.indices
                == Array(InspectorFileBatchesTests.offsets[file]..<InspectorFileBatchesTests.offsets[file + 1]))
        InspectorFileBatchesTests.expectFormulaPixels(batch, file: file)
    }

    @Test(arguments: [false, true]) func theLikelyKeysAreServedFromReadsAhead(shuffle: Bool) throws {
        let (session, feeder) = try Self.session(shuffle: shuffle)
        _ = session.takeLoadCost()
        for key in ["n", "n", "n", "p", "p", "N", "p", "n", "N", "n"] {
            session.loader.waitForReadsAhead()
            session.handle(.character(Character(key)))
            let cost = try #require(session.takeLoadCost(), "\(key) loads a batch")
            #expect(cost.raw != .readNow, "\(key) at \(session.state.address) was read on the key's path")
            // Read ahead or kept, its conversion was timed (and its NaN scan done) off the key's path.
            #expect(cost.decodeNanoseconds == 0, "\(key) at \(session.state.address) converted on the key's path")
            try Self.expectFileOnScreen(session, feeder)
        }
    }

    @Test(arguments: [false, true]) func keysWithoutWaitingAndSeeksShowTheRightFile(shuffle: Bool) throws {
        let (session, feeder) = try Self.session(shuffle: shuffle)
        // Keys faster than the reads ahead, and jumps nothing read ahead for.
        for key in ["n", "N", "p", "P", "n", "n", "N", "N", "p", "P"] {
            session.handle(.character(Character(key)))
            try Self.expectFileOnScreen(session, feeder)
        }
        for address in [
            BatchAddress(epoch: 3, batch: 2), BatchAddress(epoch: 0, batch: 1), BatchAddress(epoch: 5, batch: 3),
        ] {
            session.go(to: address)
            #expect(session.state.address == address)
            try Self.expectFileOnScreen(session, feeder)
            session.loader.waitForReadsAhead()
            session.handle(.character("n"))
            #expect(session.takeLoadCost()?.raw != .readNow, "n after a seek to \(address) was read ahead (or kept)")
            try Self.expectFileOnScreen(session, feeder)
        }
    }

    /// Without shuffle, batch 0 of every epoch is file 0: `N` from batch 1 shows the read kept
    /// for `p` (no second read of the file), under its own address.
    @Test func theSameFileUnderAnotherAddressIsNotReadAgain() throws {
        let (session, feeder) = try Self.session(shuffle: false)
        session.handle(.character("n"))
        session.loader.waitForReadsAhead()
        _ = session.takeLoadCost()
        session.handle(.character("N"))
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 0))
        #expect(session.takeLoadCost()?.raw == .kept)
        try Self.expectFileOnScreen(session, feeder)
    }

    /// It holds at most the shown file, the three files read ahead and two spares, and after
    /// a step with the reads ahead finished, more than the shown file.
    @Test func whatItHoldsIsBounded() throws {
        let (session, _) = try Self.session(shuffle: true)
        let largestFile = 50 * 1200 + 50 * 8 // images and labels
        let indicesAndLabels = 50 * 16
        for step in 0..<16 {
            session.handle(.character(step % 5 == 4 ? "N" : step % 3 == 2 ? "p" : "n"))
            session.loader.waitForReadsAhead()
            #expect(session.heldBytes <= 6 * largestFile + indicesAndLabels)
            #expect(session.heldBytes >= 3 * 45 * 1200, "the files n, p and N go to are held")
        }
    }

    /// Running (`r`) lets the reads ahead and kept for keys go: the loader then holds the shown
    /// file and one spare, the pipeline the rest.
    @Test func runningLetsTheReadsAheadGo() throws {
        let (session, _) = try Self.session(shuffle: false)
        session.handle(.character("n"))
        session.loader.waitForReadsAhead()
        let largestFile = 50 * 1200 + 50 * 8
        #expect(session.loader.heldBytes >= 3 * 45 * 1200)
        session.handle(.character("r"))
        #expect(session.state.running)
        #expect(session.loader.heldBytes <= 2 * largestFile + 50 * 16)
        session.handle(.character("r"))
    }

    /// The grid's previews drawn ahead (for the page on screen, as it was when the read
    /// started) draw the same frames as previews resampled on the key's path, whatever the
    /// zoom, colour, scaling or page; and the next batch's are drawn before its key.
    @Test func framesFromPreviewsDrawnAheadEqualFramesDrawnOnTheKeysPath() throws {
        let (ahead, _) = try Self.session(shuffle: true)
        let (plain, _) = try InspectorFileBatchesTests.session(shuffle: true)
        var previewsAhead = 0
        for key in ["n", "n", "+", "n", "p", "]", "n", "m", "N", "c", "n", "-", "-", "p", "N", "j", "n"] {
            _ = ahead.render(width: 140, height: 42)
            ahead.loader.waitForReadsAhead()
            let mapped: Key = key == "]" ? .pageDown : .character(Character(key))
            ahead.handle(mapped)
            plain.handle(mapped)
            previewsAhead = max(previewsAhead, ahead.current?.previews.count ?? 0)
            #expect(Self.grid(ahead) == Self.grid(plain), "\(key)")
        }
        #expect(previewsAhead > 0, "previews were drawn ahead")
    }

    /// A page read first from the folder's images column (`PageFirstRead`) holds the bytes
    /// and labels the feeder's whole-file read gives the same rows, with the same types.
    @Test func aPageReadFirstHoldsTheWholeFilesBytes() throws {
        let (session, feeder) = try Self.session(shuffle: true)
        let options = session.configuration.batchOptions
        for batch in 0..<4 {
            let address = BatchAddress(epoch: 2, batch: batch)
            let whole = try feeder.batch(at: address, options)
            let rows = 3..<19
            let page = try PageFirstRead.batch(
                at: address, indices: whole.indices, rows: rows, dataset: session.dataset, finishedAt: 0)
            #expect(page.imageRows == rows)
            #expect(page.images == (try whole.columns[0].gatherRows(Array(rows))), "file of \(address)")
            #expect(page.labelTensor == whole.columns[1])
            #expect(page.labels == whole.columns[1].integerScalars())
        }
    }

    /// Keys back to back with every batch read page first when its read is not done: each
    /// frame's grid is the one a session reading whole batches draws, and the batch ends whole.
    @Test func keysBackToBackWithPagesFirstDrawTheWholeBatchesGrids() throws {
        let (plain, feeder) = try InspectorFileBatchesTests.session(shuffle: true)
        var environment = InspectorEnvironment.fixed()
        environment.prefetches = true
        environment.pageFirstBytes = 1
        let session = try InspectorSession(
            dataset: plain.dataset, configuration: plain.configuration, colorMode: .none, environment: environment)
        for key in ["n", "n", "n", "p", "p", "N", "]", "n"] {
            let mapped: Key = key == "]" ? .pageDown : .character(Character(key))
            session.handle(mapped)
            plain.handle(mapped)
            #expect(session.takeLoadCost()?.raw != .readNow, "\(key) read a whole file on the key's path")
            #expect(Self.grid(session) == Self.grid(plain), "\(key)")
        }
        session.waitForBackgroundWork()
        #expect(session.current?.isWhole == true)
        try Self.expectFileOnScreen(session, feeder)
    }

    /// The cells (characters and colours) of the grid pane, drawn at 140×42: the other panes
    /// show what was measured, which differs between the two.
    static func grid(_ session: InspectorSession) -> [Cell] {
        let frame = session.render(width: 140, height: 42)
        let rect = session.layout(width: 140, height: 42).panes[.grid] ?? Rect(x: 0, y: 0, width: 0, height: 0)
        return (rect.y..<rect.maxY).flatMap { y in (rect.x..<rect.maxX).map { frame[$0, y] } }
    }
}
