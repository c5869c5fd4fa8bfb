import Batching

/// What the panes and overlays draw from: a read-only view of the inspector — the data, where
/// the inspector is and how it shows it, the batch on screen and what was measured. A pane
/// gets this, never the session it reads from, so drawing cannot change what it draws.
///
/// A new pane or overlay is a type with a `draw(_:in:theme:into:)` that reads an
/// `InspectorView` (see ``InspectorPanel``).
public protocol InspectorView {
    var dataset: InspectedDataset { get }
    var configuration: InspectorConfiguration { get }
    var state: InspectorState { get }
    /// The last message for the status line, and whether it reports an error.
    var status: (text: String, isError: Bool) { get }
    /// The batch on screen, once one could be loaded.
    var current: LoadedBatch? { get }
    /// Why the batch on screen could not be loaded, if it could not.
    var loadError: String? { get }
    /// The plan that cuts the samples into batches (with file batches, the order of the files).
    var plan: BatchPlan { get }
    /// Which samples each batch holds.
    var stream: BatchStream { get }
    /// Every sample's label, when the data has labels.
    var labels: [Int]? { get }
    /// Whether the labels are class labels the class-balance pane charts, and why not.
    var labelSummary: LabelSummary { get }
    /// The number of classes charted; 0 when the labels are not charted.
    var classCount: Int { get }
    /// Class counts of the data and the sampler's target, when the data has charted labels.
    var balance: ClassBalance? { get }
    /// Each class's count in the batches of this epoch up to the one on screen.
    func epochClassCounts() -> [Int]
    var meter: ThroughputMeter { get }
    /// Memory at the last batch.
    var memory: MemoryReading { get }
    /// The heap change the last batch caused.
    var heapDelta: Int? { get }
    /// Resident megabytes after each batch, oldest first.
    var residentHistory: [Double] { get }
    /// Bytes the inspector holds in batch buffers and display caches.
    var heldBytes: Int { get }
    var keyMap: KeyMap { get }
    /// How often each sample is visited over the configuration's epochs (`v`), counted once
    /// per configuration; or why it cannot be.
    func coverage() -> Result<InspectorCoverage, InspectorCoverage.Failure>
    /// The replay check's status (`R`), `nil` before the first.
    var replayStatus: ReplayStatus? { get }
    /// Where the prefetch pipeline's threads spent the last few seconds while it runs (`w`), or
    /// the last run's figures once paused; `nil` before the first run.
    var stageWaits: StageWaitsReading? { get }
    /// The screen size of the last frame; the grid's geometry depends on it.
    var screenSize: (width: Int, height: Int) { get }
}

extension InspectorView {
    /// The number of batches in an epoch; `nil` when epochs never end.
    public var batchCount: Int? { stream.batchCount }

    /// The number of epochs the stream has (`--epochs`); `nil` for no end.
    public var epochLimit: Int? { configuration.epochs }

    /// The rows the class-balance pane asks the layout for: one per class, one more for a
    /// label note (labels < 0 left out, or why the labels are not charted).
    var balanceRows: Int { classCount + (labelSummary.note == nil ? 0 : labelSummary.charted ? 1 : 2) }

    /// The panes' layout on a `width`×`height` screen.
    func layout(width: Int, height: Int) -> InspectorLayout {
        InspectorLayout(
            width: width, height: height, visible: state.visiblePanes, classCount: balanceRows,
            preprocessorRows: PreprocessorPane.rows(self))
    }

    /// The image of row `row` as the grid shows it: augmented when asked for and available, raw
    /// otherwise.
    func shownImage(_ batch: LoadedBatch, row: Int) -> StoredImage {
        batch.image(
            row: row, augmented: state.showAugmented, layout: dataset.layout, scaling: state.scaling,
            channel: state.channel)
    }

    /// The grid's geometry for the last screen size (at zoom level `zoom`, by default the
    /// current one), or `nil` when the grid is not shown.
    public func gridGeometry(zoom: Int? = nil) -> GridGeometry? {
        let layout = layout(width: screenSize.width, height: screenSize.height)
        guard let rect = layout.panes[.grid], let batch = current, batch.count > 0 else { return nil }
        let first = shownImage(batch, row: batch.imageRows.lowerBound) // a row held, even of a page read first
        let area = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        return GridGeometry(
            area: BatchGridPane.imageArea(below: area, for: batch), imageWidth: first.width, imageHeight: first.height,
            zoomWidth: zoom.map { InspectorState.zoomLevels[min(max($0, 0), InspectorState.zoomLevels.count - 1)] }
                ?? state.previewWidth)
    }

    /// The label text of sample row `row` of the batch on screen: the class name when known,
    /// else the class number; for labels that are not class numbers (a regression target such
    /// as 0.5), the value in ``LabelValueFormat/compact(_:significantDigits:)`` form.
    public func labelText(row: Int, significantDigits: Int = 4) -> String? {
        guard let batch = current, row >= 0, row < batch.count else { return nil }
        if labels != nil || dataset.forwardOnly != nil, let label = batch.labels?[row] { return className(label) }
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
        if labels != nil || dataset.forwardOnly != nil, let label = batch.labels?[row] {
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
