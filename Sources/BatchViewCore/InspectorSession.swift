import Batching

/// The inspector: a coordinator of the parts that each own a piece of it — the view state
/// (``InspectorState``: where it is, how it shows it, the overlay), the index stream
/// (``InspectorStream``: configuration, sampler, plan, class counts), the batch loader and its
/// cache, the prefetch pipeline while running, and the readings of time and memory. Keys go in
/// through ``handle(_:)``, which maps them to actions and hands each to its owner; frames come
/// out of ``render(width:height:)``, drawn from the session as a read-only ``InspectorView``. It
/// never touches a terminal, so tests and `batchview frame` drive it exactly as the curses front
/// end does.
///
/// ```swift
/// let session = try InspectorSession(dataset: dataset, configuration: InspectorConfiguration(batchSize: 16))
/// session.handle(.character("n"))
/// print(session.render(width: 100, height: 30).text)
/// ```
public final class InspectorSession: InspectorView {
    public let dataset: InspectedDataset
    public var state: InspectorState
    public let environment: InspectorEnvironment
    public let keyMap = KeyMap.standard
    public internal(set) var status: (text: String, isError: Bool) = ("", false)
    public internal(set) var current: LoadedBatch?
    public internal(set) var loadError: String?
    /// Whether the labels are class labels the class-balance pane charts, and why not.
    public let labelSummary: LabelSummary
    public internal(set) var screenSize = (width: 100, height: 30)
    /// Which samples each batch holds.
    var order: InspectorStream
    var loader: BatchLoader
    var readings: InspectorReadings
    /// The prefetch pipeline while running (`r`).
    var pipelineRun: PipelineRun?
    /// The stage waits of the last run, kept when it is paused (`w`).
    var lastStageWaits: StageWaitsReading?
    /// Text the front end should copy to the clipboard (OSC 52), taken with
    /// ``takeClipboardRequest()``.
    var clipboardRequest: String?
    /// The coverage of the configuration it was counted for (`v`).
    var coverageCache: (configuration: InspectorConfiguration, coverage: InspectorCoverage)?
    /// The replay check (`R`), run in the background.
    let replayCheck = ReplayCheckJob()
    /// What a key's external (`python:`) calls are doing, for the terminal to show and cancel
    /// while the key runs on its own thread (``beginHandling(_:)``).
    public let externalCalls = ExternalCallWatch()

    /// A session on the batch at `start` (by default batch 0 of epoch 0).
    ///
    /// - Throws: the data source's errors (bad configuration such as a drawing sampler without
    ///   shuffle or with repeats other than 1, unreadable labels), in the library's words;
    ///   ``BatchingError/addressOutOfRange(epoch:batch:batchCount:)`` or
    ///   ``BatchingError/invalidArgument(_:)`` when `start` is not a batch of the stream.
    public init(
        dataset: InspectedDataset, configuration: InspectorConfiguration = InspectorConfiguration(),
        colorMode: ColorMode = .palette256, environment: InspectorEnvironment = .live(),
        startingAt start: BatchAddress = BatchAddress(epoch: 0, batch: 0)
    ) throws {
        self.dataset = dataset
        self.environment = environment
        labelSummary = try LabelSummary(dataset)
        // A drawing sampler without shuffle is refused (by the spec, with the library's sentence),
        // as `batchview order` refuses it, rather than quietly shuffled.
        order = try InspectorStream(dataset: dataset, configuration: configuration, labels: labelSummary)
        // As `batchview order` does, refuse repeats with a drawing sampler at the start (when `b`
        // switches to one later, its draws simply ignore the repeats).
        if order.sampler.drawsWithReplacement && configuration.sampling.repeats != 1 {
            throw BatchingError.samplerWithRepeats(configuration.sampling.repeats)
        }
        loader = BatchLoader(
            dataset: dataset, source: order.source, options: configuration.batchOptions, environment: environment)
        state = InspectorState(colorMode: colorMode)
        state.zoom = InspectorState.defaultZoom(imageWidth: ImageLayoutGeometry.width(of: dataset))
        readings = InspectorReadings(memory: environment.memory())
        if start != state.address {
            guard start.epoch >= 0, start.batch >= 0, order.batchCount.map({ start.batch < $0 }) ?? true else {
                throw BatchingError.addressOutOfRange(
                    epoch: start.epoch, batch: start.batch, batchCount: order.batchCount)
            }
            if let problem = order.addressProblem(start) { throw BatchingError.invalidArgument(problem) }
            state.address = start
        }
        reload()
    }

    public var configuration: InspectorConfiguration { order.configuration }
    public var plan: BatchPlan { order.plan }
    public var stream: BatchStream { order.stream }
    public var sampler: any Sampler { order.sampler }
    public var balance: ClassBalance? { order.balance }
    public var labels: [Int]? { labelSummary.labels }
    public var classCount: Int { labelSummary.classCount }
    public var meter: ThroughputMeter { readings.meter }
    public var memory: MemoryReading { readings.memory }
    public var heapDelta: Int? { readings.heapDelta }
    public var residentHistory: [Double] { readings.residentHistory }

    /// Each class's count in this epoch's batches up to the one on screen (kept between frames).
    public func epochClassCounts() -> [Int] { order.epochClassCounts(through: state.address) }

    /// Bytes the inspector holds in batch buffers and display caches.
    public var heldBytes: Int { loader.heldBytes + (pipelineRun?.heldBytes ?? 0) }

    /// Changes the configuration (sampler, shuffle) and rebuilds the index stream, keeping the
    /// epoch and, where it still exists, the batch; returns `false`, keeping the configuration and
    /// saying why in the status line, when the changed one cannot be built.
    @discardableResult
    public func reconfigure(_ change: (inout InspectorConfiguration) -> Void) -> Bool {
        do {
            order = try order.reconfigured(change)
        } catch {
            setStatus("\(error)", isError: true)
            return false
        }
        loader = BatchLoader(
            dataset: dataset, source: order.source, options: configuration.batchOptions, environment: environment)
        if let count = order.batchCount { state.address.batch = min(state.address.batch, max(count - 1, 0)) }
        state.slice = 0
        reload()
        return true
    }

    /// Loads the batch at the state's address (and slice) and records what it cost; a large
    /// batch not read yet comes page first (``PageFirstRead``) unless `whole`.
    func reload(whole: Bool = false) {
        // The page of a batch left before its whole read ended is kept, for `p` to show again.
        if let left = current, !left.isWhole, left.address != state.address { loader.keepPage(left) }
        let pageFirst = whole ? nil : pageFirstRequest(state.address)
        // Memory is read around a load that may produce a batch; not before a page first, as
        // reading it waits for the address space's lock, which the whole reads' mappings take
        // (a read ahead that ends meanwhile is measured from the last reading).
        let before = pageFirst != nil && !loader.hasRead(state.address) ? readings.memory : environment.memory()
        do {
            let (batch, fresh) = try loader.load(state.address, slice: state.slice, pageFirst: pageFirst)
            current = batch
            loadError = nil
            if let failure = batch.preprocessingFailure { setStatus(failure.message, isError: true) }
            state.slice = batch.slice
            state.selection = min(state.selection, max(batch.count - 1, 0))
            readAhead()
            if fresh {
                readings.record(batch.timing, running: state.running, memory: environment.memory(), before: before)
            }
        } catch {
            current = nil
            loadError = "\(error)"
            setStatus("\(error)", isError: true)
        }
    }

    /// Reads ahead in the background the batches a key is likely to show next, after the
    /// whole batch on screen when only its page is read.
    func readAhead() {
        loader.readAhead(
            order.likelyAfter(state.address), keeping: keptAddresses,
            wholeFirst: current?.isWhole == false ? current?.address : nil)
    }

    /// The batches whose reads (or pages) are kept while others are let go: the one on screen, and
    /// the one two back (`p` twice in a row finds it).
    var keptAddresses: [BatchAddress] {
        let twoBack = order.previousAddress(before: state.address).flatMap(order.previousAddress(before:))
        return [state.address] + (twoBack.map { [$0] } ?? [])
    }

    /// Where the last load's time went (`frame --timing`), once: `nil` when no batch was produced
    /// since the last call (the key only changed the view, or showed a batch kept).
    public func takeLoadCost() -> LoadCost? { loader.takeCost() }

    func setStatus(_ text: String, isError: Bool = false) {
        status = (text, isError)
    }
}

/// The pixel width of a dataset's images, for the default zoom.
enum ImageLayoutGeometry {
    static func width(of dataset: InspectedDataset) -> Int {
        let shape = dataset.images.rowShape
        guard !shape.isEmpty else { return 1 }
        return dataset.layout.geometry(rowShape: shape).width
    }
}
