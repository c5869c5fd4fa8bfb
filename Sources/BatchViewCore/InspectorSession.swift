import Batching

/// The inspector: a dataset, the configuration that cuts it into batches, the view state, and
/// everything measured along the way. Keys go in through ``handle(_:)``; frames come out of
/// ``render(width:height:)``. It never touches a terminal, so tests and `batchview frame` drive it
/// exactly as the curses front end does.
///
/// ```swift
/// let session = try InspectorSession(dataset: dataset, configuration: InspectorConfiguration(batchSize: 16))
/// session.handle(.character("n"))
/// print(session.render(width: 100, height: 30).text)
/// ```
public final class InspectorSession {
    public let dataset: InspectedDataset
    public private(set) var configuration: InspectorConfiguration
    public var state: InspectorState
    public let environment: InspectorEnvironment
    public let keyMap = KeyMap.standard
    /// The last message for the status line, and whether it reports an error.
    public internal(set) var status: (text: String, isError: Bool) = ("", false)
    /// The batch on screen, once one could be loaded.
    public internal(set) var current: LoadedBatch?
    /// Why the batch on screen could not be loaded, if it could not.
    public internal(set) var loadError: String?
    /// The plan that cuts the samples into batches; with file batches, the order of the files
    /// (each batch holds one index: its file). ``stream`` gives every batch's samples either way.
    public internal(set) var plan: BatchPlan
    /// Which samples each batch holds.
    public internal(set) var stream: BatchStream
    public internal(set) var sampler: any Sampler
    /// Class counts, when the data has labels.
    public internal(set) var balance: ClassBalance?
    public internal(set) var meter = ThroughputMeter()
    /// Memory at the last batch and the heap change that batch caused.
    public internal(set) var memory = MemoryReading(residentBytes: 0, peakResidentBytes: 0, heapInUseBytes: nil)
    public internal(set) var heapDelta: Int?
    /// Resident megabytes after each batch, oldest first.
    public internal(set) var residentHistory: [Double] = []
    /// Every sample's label, when the data has labels.
    public let labels: [Int]?
    /// The number of classes (largest label + 1, or the number of class names); 0 when the
    /// labels are not charted (see ``labelSummary``).
    public let classCount: Int
    /// Whether the labels are class labels the class-balance pane charts, and why not.
    public let labelSummary: LabelSummary
    /// The screen size of the last frame; the grid's geometry depends on it.
    public internal(set) var screenSize = (width: 100, height: 30)
    var loader: BatchLoader
    /// The prefetch pipeline while running (`r`).
    var pipelineRun: PipelineRun?
    /// The shuffle `s` turns back on: the one the session started with (exact or by chunks).
    let shuffleWhenOn: ShuffleChoice

    /// A session on batch 0 of epoch 0.
    ///
    /// - Throws: the data source's errors (bad configuration such as a drawing sampler without
    ///   shuffle or with repeats other than 1, unreadable labels), in the library's words.
    public init(
        dataset: InspectedDataset, configuration: InspectorConfiguration = InspectorConfiguration(),
        colorMode: ColorMode = .palette256, environment: InspectorEnvironment = .live()
    ) throws {
        self.dataset = dataset
        self.environment = environment
        let summary = try LabelSummary(dataset)
        let labels = summary.labels
        self.labels = labels
        labelSummary = summary
        classCount = summary.classCount
        // A drawing sampler without shuffle is refused (by the plan, with the library's sentence),
        // as `batchview order` refuses it, rather than quietly shuffled.
        self.configuration = configuration
        shuffleWhenOn = configuration.sampling.shuffle == .off ? .exact : configuration.sampling.shuffle
        let (sampler, stream, source) = try Self.build(dataset: dataset, configuration: configuration, labels: labels)
        // As `batchview order` does, refuse repeats with a drawing sampler at the start (when `b`
        // switches to one later, its draws simply ignore the repeats).
        if sampler.drawsWithReplacement && configuration.sampling.repeats != 1 {
            throw BatchingError.samplerWithRepeats(configuration.sampling.repeats)
        }
        self.sampler = sampler
        self.stream = stream
        plan = try Self.plan(of: stream)
        loader = BatchLoader(
            dataset: dataset, source: source, options: configuration.batchOptions, environment: environment)
        state = InspectorState(colorMode: colorMode)
        let width = ImageLayoutGeometry.width(of: dataset)
        state.zoom = InspectorState.defaultZoom(imageWidth: width)
        balance =
            summary.charted
            ? labels.map { ClassBalance(labels: $0, classCount: classCount, target: sampler.targetProbabilities()) }
            : nil
        memory = environment.memory()
        reload()
    }

    /// The sampler, index stream and data source a configuration describes.
    static func build(
        dataset: InspectedDataset, configuration: InspectorConfiguration,
        labels: [Int]?
    ) throws -> (any Sampler, BatchStream, any DataSource) {
        if let files = dataset.fileBatches {
            return try buildFileBatches(files, dataset: dataset, configuration: configuration)
        }
        let sampler = try configuration.sampling.makeSampler(for: dataset.sampling)
        let repeats = sampler.drawsWithReplacement ? 1 : configuration.sampling.repeats
        let plan = try BatchPlan(sampler: sampler, repeats: repeats, options: configuration.batchOptions)
        var columns: [any BatchColumn] = [dataset.images]
        if let labelColumn = dataset.labels { columns.append(labelColumn) }
        let source = try ArrayDataSource(columns, repeats: repeats, sampler: sampler)
        return (sampler, .plan(plan), source)
    }

    /// File batches: every sample once per epoch, one file per batch, in the file order of the
    /// configuration's shuffle and seed.
    ///
    /// - Throws: ``BatchingError/invalidArgument(_:)`` for settings that cut batches otherwise
    ///   (a drawing sampler, subset, repeats, shard, drop-last): a file is the batch.
    private static func buildFileBatches(
        _ files: InspectedFileBatches, dataset: InspectedDataset,
        configuration: InspectorConfiguration
    ) throws -> (any Sampler, BatchStream, any DataSource) {
        let sampling = configuration.sampling
        let unsupported = [
            sampling.sampler != .uniform ? "the \(sampling.sampler) sampler" : nil,
            sampling.subset != nil ? "a subset" : nil, sampling.repeats != 1 ? "repeats" : nil,
            sampling.shard.worldSize != 1 ? "a shard" : nil, sampling.dropLast ? "drop-last" : nil,
        ].compactMap { $0 }
        if let first = unsupported.first {
            throw BatchingError.invalidArgument(
                "with file batches each batch is a whole file of \(dataset.name), so \(first) cannot apply; leave it out"
            )
        }
        return (StandardSampler(count: dataset.sampleCount), .files(files, configuration.batchOptions), files.source)
    }

    /// The session's ``plan`` for a stream: the stream's own, or for file batches a plan over
    /// the files in the stream's order (one file per batch).
    static func plan(of stream: BatchStream) throws -> BatchPlan {
        switch stream {
        case .plan(let plan): return plan
        case .files(let files, let options):
            return try BatchPlan(
                sampler: StandardSampler(count: files.fileCount),
                options: BatchOptions(batchSize: 1, order: options.order))
        }
    }

    /// Changes the configuration (sampler, shuffle) and rebuilds the index stream, keeping the
    /// epoch and, where it still exists, the batch; returns `false`, keeping the configuration and
    /// saying why in the status line, when the changed one cannot be built.
    @discardableResult
    public func reconfigure(_ change: (inout InspectorConfiguration) -> Void) -> Bool {
        var next = configuration
        change(&next)
        do {
            let (sampler, stream, source) = try Self.build(dataset: dataset, configuration: next, labels: labels)
            configuration = next
            self.sampler = sampler
            self.stream = stream
            plan = try Self.plan(of: stream)
            loader = BatchLoader(dataset: dataset, source: source, options: next.batchOptions, environment: environment)
            balance =
                labelSummary.charted
                ? labels.map { ClassBalance(labels: $0, classCount: classCount, target: sampler.targetProbabilities()) }
                : nil
            if let count = stream.batchCount { state.address.batch = min(state.address.batch, max(count - 1, 0)) }
            state.slice = 0
            reload()
            return true
        } catch {
            setStatus("\(error)", isError: true)
            return false
        }
    }

    /// The rows the class-balance pane asks the layout for: one per class, one more for a
    /// label note (labels < 0 left out, or why the labels are not charted).
    var balanceRows: Int { classCount + (labelSummary.note == nil ? 0 : labelSummary.charted ? 1 : 2) }

    /// The number of epochs the stream has (`--epochs`); `nil` for no end.
    public var epochLimit: Int? { configuration.epochs }

    /// The number of batches in an epoch; `nil` when epochs never end.
    public var batchCount: Int? { stream.batchCount }

    /// Loads the batch at the state's address (and slice) and records what it cost.
    func reload() {
        let before = environment.memory()
        do {
            let (batch, fresh) = try loader.load(state.address, slice: state.slice)
            current = batch
            loadError = nil
            state.slice = batch.slice
            state.selection = min(state.selection, max(batch.count - 1, 0))
            loader.prefetch(nextAddress(after: state.address))
            if fresh {
                meter.record(batch.timing, running: state.running)
                recordMemory(since: before)
            }
        } catch {
            current = nil
            loadError = "\(error)"
            setStatus("\(error)", isError: true)
        }
    }

    /// Takes a memory reading for the panes: the heap's change since `before` and the resident
    /// history for the sparkline.
    func recordMemory(since before: MemoryReading) {
        memory = environment.memory()
        if let now = memory.heapInUseBytes, let then = before.heapInUseBytes { heapDelta = now - then }
        residentHistory.append(Double(memory.residentBytes) / 1_048_576)
        if residentHistory.count > 240 { residentHistory.removeFirst() }
    }

    /// The batch `n` moves to from the last slice of `address`.
    func nextAddress(after address: BatchAddress) -> BatchAddress {
        let next = BatchAddress(epoch: address.epoch, batch: address.batch + 1)
        if let count = batchCount, next.batch >= count { return BatchAddress(epoch: address.epoch + 1, batch: 0) }
        return next
    }

    /// Bytes the inspector holds in batch buffers and display caches.
    public var heldBytes: Int { loader.heldBytes + (pipelineRun?.heldBytes ?? 0) }

    func setStatus(_ text: String, isError: Bool = false) {
        status = (text, isError)
    }

    /// The label text of sample row `row` of the batch on screen: the class name when known,
    /// else the class number; for labels that are not class numbers (a regression target such
    /// as 0.5), the value in ``LabelValueFormat/compact(_:significantDigits:)`` form.
    public func labelText(row: Int, significantDigits: Int = 4) -> String? {
        guard let batch = current, row >= 0, row < batch.count else { return nil }
        if labels != nil, let label = batch.labels?[row] { return className(label) }
        return labelValue(batch, row: row).map { LabelValueFormat.compact($0, significantDigits: significantDigits) }
    }

    /// The stored label of `row` when the data's labels are not class numbers.
    private func labelValue(_ batch: LoadedBatch, row: Int) -> Double? {
        batch.labelValues?[row] ?? batch.labels.map { Double($0[row]) }
    }

    /// ``labelText(row:significantDigits:)`` in at most `width` columns, for a grid caption: a
    /// class name keeps its start and ends in `…`; a number is written with fewer digits.
    public func labelCaption(row: Int, width: Int) -> String? {
        guard width >= 1, let batch = current, row >= 0, row < batch.count else { return nil }
        if labels != nil, let label = batch.labels?[row] {
            if let names = dataset.classNames, label >= 0, label < names.count {
                return ScreenBuffer.shortened(names[label], to: width)
            }
            return LabelValueFormat.compact(Double(label), fitting: width)
        }
        return labelValue(batch, row: row).map { LabelValueFormat.compact($0, fitting: width) }
    }

    /// The name of class `label`.
    public func className(_ label: Int) -> String {
        if let names = dataset.classNames, label >= 0, label < names.count { return names[label] }
        return String(label)
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
