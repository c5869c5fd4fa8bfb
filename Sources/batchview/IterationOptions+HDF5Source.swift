import Batching
import BatchingHDF5

extension IterationOptions {
    /// The sampler these options ask for over an opened file or folder.
    func makeSampler(for source: HDF5Source, path: String) throws -> any Sampler {
        try makeSampler(for: SamplingData(source, path: path))
    }

    /// The data source these options describe over `columns` of an opened file or folder.
    func makeDataSource(_ columns: [any BatchColumn], for source: HDF5Source, path: String) throws -> ArrayDataSource {
        try ArrayDataSource(columns, repeats: repeats, sampler: makeSampler(for: source, path: path))
    }
}

extension SamplingData {
    /// What an opened file or folder tells a ``SamplingSpec``: its labels (one whole number per
    /// sample) for `balanced`, its datasets for `weights:NAME`, and the chunk rows of its images
    /// (a single chunked file) for `--shuffle chunks`. Every command and the inspector read the
    /// data this way, so they build the same sampler from the same flags.
    init(_ source: HDF5Source, path: String) {
        let rowsPerChunk =
            source.files.count == 1 ? source.files[0].root.dataset(at: source.selection.images)?.chunkShape?.first : nil
        var labels: (@Sendable () throws -> [Int])?
        if let column = source.labels { labels = { try Self.classNumbers(column, path: path) } }
        self.init(
            name: path, sampleCount: source.sampleCount, rowsPerChunk: rowsPerChunk, labels: labels,
            weights: { name in
                let column = try BatchFolder(path: path).column(name)
                let values = try column.gatherRows(Array(0..<column.rowCount))
                return (0..<values.elementCount).map { values.doubleValue(atElement: $0) }
            })
    }

    /// One whole-number label per row of `column`, the labels of the file at `path`; for one-hot
    /// rows, the class each row stands for (as the inspector charts it).
    private static func classNumbers(_ column: any BatchColumn, path: String) throws -> [Int] {
        let labels = try column.gatherRows(Array(0..<column.rowCount))
        if column.rowShape.count == 1, let classes = labels.classOfLargestValuePerRow() { return classes }
        guard column.rowShape.isEmpty, let values = labels.integerScalars() else {
            throw BatchingError.invalidLabels(
                "the labels of \(path) are not one whole number per sample, so classes cannot be balanced; pass --labels PATH"
            )
        }
        return values
    }
}
