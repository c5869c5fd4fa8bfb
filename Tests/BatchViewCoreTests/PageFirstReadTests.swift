import Batching
import Dispatch
import Foundation
import Synchronization
import Testing

@testable import BatchViewCore

/// A key that lands on a large batch before its whole read is done draws the page on screen
/// first, read alone: the same bytes as the whole batch's, the panes that need every row shown
/// as pending, the whole batch drawn once read without a key — and no key reads a whole batch
/// on its own path.
@Suite struct PageFirstReadTests {
    static let rowsPerFile = 60
    static let files = 5
    static let size = (width: 140, height: 42)

    /// The `rgb` fixture cut into 5 files of 60 rows, read whole through a gate the test opens.
    static func session(shuffle: Bool, gate: ReadGate, pageFirst: Bool = true) throws -> InspectorSession {
        var dataset = FixtureData.rgb(count: rowsPerFile * files)
        let source = GatedFiles(images: dataset.images, labels: dataset.labels!, gate: gate)
        dataset.fileBatches = InspectedFileBatches(
            fileNames: (0..<files).map { "batch_\($0).h5" }, rowCounts: Array(repeating: rowsPerFile, count: files),
            source: source, fileIndex: { address, options in try source.fileIndex(address, options) })
        var environment = InspectorEnvironment.fixed()
        environment.prefetches = true
        environment.pageFirstBytes = pageFirst ? 1 : Int.max
        return try InspectorSession(
            dataset: dataset, configuration: InspectorConfiguration(shuffle: shuffle), colorMode: .none,
            environment: environment)
    }

    /// The batch at `address` as a session without reads ahead shows it (each batch read whole).
    static func plain(_ address: BatchAddress, shuffle: Bool, selection: Int) throws -> InspectorSession {
        let open = ReadGate()
        open.open()
        var environment = InspectorEnvironment.fixed()
        environment.prefetches = false
        let session = try InspectorSession(
            dataset: try Self.session(shuffle: shuffle, gate: open).dataset,
            configuration: InspectorConfiguration(shuffle: shuffle), colorMode: .none, environment: environment,
            startingAt: address)
        session.state.selection = selection
        _ = session.render(width: size.width, height: size.height)
        return session
    }

    /// The grid pane's cells at 140×42.
    static func grid(_ session: InspectorSession) -> [Cell] {
        let frame = session.render(width: size.width, height: size.height)
        let rect = session.layout(width: size.width, height: size.height).panes[.grid]!
        return (rect.y..<rect.maxY).flatMap { y in (rect.x..<rect.maxX).map { frame[$0, y] } }
    }

    /// The rows the batch on screen holds are the stored rows of its samples, byte for byte.
    static func expectStoredRows(_ session: InspectorSession) throws {
        let batch = try #require(session.current)
        let truth = try session.dataset.images.gatherRows(Array(batch.indices[batch.imageRows]))
        #expect(batch.images == truth, "rows \(batch.imageRows) of \(batch.address)")
    }

    @Test(arguments: [false, true]) func keysBackToBackDrawThePageFirstAndNeverReadAWholeBatch(shuffle: Bool) throws {
        let gate = ReadGate()
        let session = try Self.session(shuffle: shuffle, gate: gate)
        gate.keyThread = pthread_self()
        _ = session.render(width: Self.size.width, height: Self.size.height)
        #expect(gate.readsOnKeyThread == 0, "the first frame read a whole batch")
        for key: Key in [
            .character("n"), .character("n"), .character("n"), .character("p"), .pageDown,
            .character("p"), .character("N"), .character("j"), .character("n"),
        ] {
            session.handle(key)
            _ = session.render(width: Self.size.width, height: Self.size.height)
            #expect(gate.readsOnKeyThread == 0, "\(key) read a whole batch on the key's path")
            if let cost = session.takeLoadCost() {
                #expect(cost.raw == .page, "\(key) at \(session.state.address): \(cost.summary)")
                #expect(cost.pageRows?.of == Self.rowsPerFile)
            }
            let batch = try #require(session.current)
            #expect(!batch.isWhole, "\(key): the gate is closed, nothing is read whole")
            #expect(batch.holdsImage(row: session.state.selection))
            #expect(batch.imageRows.count < Self.rowsPerFile, "\(key): only a page is read")
            try Self.expectStoredRows(session)
            #expect(
                Self.grid(session)
                    == Self.grid(
                        try Self.plain(session.state.address, shuffle: shuffle, selection: session.state.selection)),
                "\(key): the page drawn first is the whole batch's page")
        }
        #expect(gate.readsOnKeyThread == 0, "a key read a whole batch on its own path")
        // Waiting for the whole batch (the printed frame's wait, not a key) may read it itself
        // when its read is still queued behind reads no longer wanted.
        gate.open()
        session.waitForBackgroundWork()
        #expect(session.current?.isWhole == true)
        try Self.expectStoredRows(session)
    }

    @Test func pendingPanesSayPendingAndFillInWithoutAKey() throws {
        let gate = ReadGate()
        let session = try Self.session(shuffle: true, gate: gate)
        _ = session.render(width: Self.size.width, height: Self.size.height)
        session.handle(.character("n"))
        let page = session.render(width: Self.size.width, height: Self.size.height).text
        let bytes = Units.bytes(Self.rowsPerFile * 32 * 32 * 3)
        #expect(page.contains("reading \(bytes)… (NaN scan, times)"))
        #expect(page.contains("this batch reading…"))
        #expect(session.awaitsWholeBatch)
        let pageGrid = Self.grid(session)
        #expect(!session.pollBackgroundWork(), "nothing is read while the gate is closed")
        gate.open()
        session.loader.waitForReadsAhead()
        #expect(session.pollBackgroundWork(), "the whole batch, read, is shown without a key")
        #expect(!session.awaitsWholeBatch)
        let whole = session.render(width: Self.size.width, height: Self.size.height).text
        #expect(!whole.contains("reading"))
        #expect(Self.grid(session) == pageGrid, "the whole batch's grid is the page's")
        #expect(session.takeLoadCost()?.raw == .readAhead)
        let batch = try #require(session.current)
        #expect(batch.images == (try session.dataset.images.gatherRows(batch.indices)))
    }

    /// With the reads ahead done, keys show whole batches (kept or read ahead), never a page.
    @Test func keysAfterTheReadsAheadShowWholeBatches() throws {
        let gate = ReadGate()
        gate.open()
        let session = try Self.session(shuffle: false, gate: gate)
        session.waitForBackgroundWork()
        for key in ["n", "n", "p", "N"] {
            session.loader.waitForReadsAhead()
            session.handle(.character(Character(key)))
            #expect(session.current?.isWhole == true, "\(key)")
            #expect([.kept, .readAhead].contains(session.takeLoadCost()?.raw), "\(key)")
        }
    }

    /// A batch below the environment's size, or with the page-first read off, is read whole.
    @Test func smallBatchesAreReadWhole() throws {
        let gate = ReadGate()
        gate.open()
        let session = try Self.session(shuffle: false, gate: gate, pageFirst: false)
        session.handle(.character("n"))
        #expect(session.current?.isWhole == true)
        #expect(session.takeLoadCost()?.raw != .page)
        let dataset = FixtureData.rgb(count: 120)
        #expect(!PageFirstRead.applies(indices: Array(0..<60), dataset: dataset, minimumBytes: 8_000_000))
        #expect(PageFirstRead.applies(indices: Array(0..<60), dataset: dataset, minimumBytes: 60 * 3072))
    }

    /// A page read into a spare tensor (of a page dropped before) holds the bytes a fresh read
    /// gives, whatever the spare held.
    @Test func aPageReadIntoASpareHoldsTheFreshReadsBytes() throws {
        let dataset = FixtureData.rgb(count: 120)
        let address = BatchAddress(epoch: 0, batch: 1)
        let indices = Array(60..<120)
        let fresh = try PageFirstRead.batch(
            at: address, indices: indices, rows: 8..<24, dataset: dataset, finishedAt: 0)
        var handed = 0
        let reused = try PageFirstRead.batch(
            at: address, indices: indices, rows: 8..<24, dataset: dataset, finishedAt: 0,
            spare: { shape in
                handed += 1
                return Tensor(shape: shape, scalars: [UInt8](repeating: 0xAB, count: shape.reduce(1, *)))
            })
        #expect(handed == 1)
        #expect(reused.images == fresh.images)
        #expect(reused.images == (try dataset.images.gatherRows(Array(68..<84))))
        #expect(reused.imageRows == 8..<24)
    }

    /// The detail view of a sample on a page read first shows it; of one not held, says so.
    @Test func theDetailViewDrawsFromThePageHeld() throws {
        let gate = ReadGate()
        let session = try Self.session(shuffle: false, gate: gate)
        _ = session.render(width: Self.size.width, height: Self.size.height)
        session.handle(.character("n"))
        session.handle(.enter)
        let text = session.render(width: Self.size.width, height: Self.size.height).text
        #expect(text.contains("sample 60"))
        #expect(!text.contains("reading the whole batch…"))
        gate.open()
        session.waitForBackgroundWork()
    }
}

/// Holds whole reads back until opened; reads made on the key's thread pass at once, counted.
final class ReadGate: Sendable {
    private let opened = DispatchGroup()
    private let state = Mutex<(isOpen: Bool, keyThread: pthread_t?, readsOnKeyThread: Int)>((false, nil, 0))

    init() { opened.enter() }

    /// The thread keys are handled on.
    var keyThread: pthread_t? {
        get { state.withLock { $0.keyThread } }
        set { state.withLock { $0.keyThread = newValue } }
    }

    var readsOnKeyThread: Int { state.withLock { $0.readsOnKeyThread } }

    func open() {
        let wasOpen = state.withLock { state in
            defer { state.isOpen = true }
            return state.isOpen
        }
        if !wasOpen { opened.leave() }
    }

    /// Waits until the gate opens; on the key's thread, counts the read and returns.
    func pass() {
        let onKeyThread = state.withLock { state -> Bool in
            guard let key = state.keyThread, pthread_equal(key, pthread_self()) != 0 else { return false }
            state.readsOnKeyThread += 1
            return true
        }
        if !onKeyThread { opened.wait() }
    }
}

/// Whole files of rows of `images`, in a per-epoch order as the file-batches feeder's, read
/// through `gate`.
struct GatedFiles: DataSource {
    let images: any BatchColumn
    let labels: any BatchColumn
    let gate: ReadGate

    func fileIndex(_ address: BatchAddress, _ options: BatchOptions) throws -> Int {
        try StandardSampler(count: PageFirstReadTests.files).indices(
            epoch: address.epoch, pass: 0, positions: [address.batch], order: options.order)[0]
    }

    func batchCount(_ options: BatchOptions) throws -> Int? { PageFirstReadTests.files }
    func fingerprint(_ options: BatchOptions) throws -> UInt64 { 0 }
    func sampleCount(_ options: BatchOptions) throws -> SampleCount { .finite(images.rowCount) }
    func batch(at address: BatchAddress, _ options: BatchOptions) throws -> Batch {
        gate.pass()
        let file = try fileIndex(address, options)
        let rows = PageFirstReadTests.rowsPerFile
        let indices = Array(file * rows..<(file + 1) * rows)
        return Batch(
            address: address, indices: indices,
            columns: [try images.gatherRows(indices), try labels.gatherRows(indices)])
    }
}
