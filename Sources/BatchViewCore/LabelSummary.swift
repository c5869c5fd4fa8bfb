import Batching

/// What the inspector makes of a labels dataset: class labels it can chart, or labels it shows
/// but does not chart (too many distinct values, values too large, or not whole numbers).
///
/// ```swift
/// let summary = LabelSummary(dataset)   // labels 0, 1, -1 → classCount 2, a note about the -1s
/// ```
public struct LabelSummary: Sendable {
    /// The most distinct label values the class-balance pane charts.
    public static let maxDistinctClasses = 1_000
    /// The largest label the class-balance pane charts.
    public static let maxChartedLabel = 100_000

    /// Every sample's label as a whole number, when the labels are whole numbers.
    public let labels: [Int]?
    /// The number of classes to chart (0 when the labels are not charted).
    public let classCount: Int
    /// Whether the class-balance pane charts the labels.
    public let charted: Bool
    /// Why some or all labels are not charted, for the class-balance pane.
    public let note: String?

    /// Reads and sorts out `dataset`'s labels.
    ///
    /// - Throws: the labels column's read errors.
    public init(_ dataset: InspectedDataset) throws {
        let names = dataset.classNames?.count ?? 0
        if dataset.forwardOnly != nil {
            labels = nil
            classCount = 0
            charted = false
            note = Self.forwardOnlyNote
            return
        }
        let values: [Int]?
        do {
            values = try dataset.allLabels()
        } catch let error as BatchingError {
            guard case .invalidLabels = error else { throw error }
            labels = nil
            classCount = 0
            charted = false
            note = try Self.valuesNote(dataset)
            return
        }
        guard let values else {
            labels = nil
            classCount = names
            charted = false
            note = nil
            return
        }
        labels = values
        let negative = values.lazy.filter { $0 < 0 }.count
        let distinct = Set(values.lazy.filter { $0 >= 0 })
        let largest = distinct.max() ?? -1
        if distinct.count > Self.maxDistinctClasses || largest > Self.maxChartedLabel {
            classCount = 0
            charted = false
            note =
                distinct.count > Self.maxDistinctClasses
                ? "too many classes to chart (\(distinct.count) distinct labels)"
                : "labels up to \(largest) are too large to chart as classes (at most \(Self.maxChartedLabel))"
            return
        }
        classCount = max(largest + 1, names)
        charted = true
        note = negative > 0 ? "\(negative) labels < 0 left out" : nil
    }

    /// Why a forward-only source's classes are not charted: the pane sets a batch and the epoch
    /// against the whole data and the sampler's target, and such a source has neither — only the
    /// batches read so far, which `p` cannot even keep all of.
    static let forwardOnlyNote =
        "a forward-only source: its labels are known only as batches are read, so there is no data or target to chart against (each sample's label is under it)"

    /// What the class-balance pane says of labels that are not whole numbers (regression
    /// targets, scores): that they are values, not classes, and the range they span.
    static func valuesNote(_ dataset: InspectedDataset) throws -> String {
        var range = ""
        if let column = dataset.labels {
            let tensor = try column.gatherRows(Array(0..<column.rowCount))
            let finite = (0..<tensor.elementCount).lazy.map { tensor.doubleValue(atElement: $0) }.filter(\.isFinite)
            if let low = finite.min(), let high = finite.max() {
                range = " (\(LabelValueFormat.compact(low)) to \(LabelValueFormat.compact(high)))"
            }
        }
        return "the labels are values\(range), not classes: nothing to chart"
    }
}
