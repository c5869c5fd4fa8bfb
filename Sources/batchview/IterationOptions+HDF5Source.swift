import Batching
import BatchingHDF5

extension IterationOptions {
    /// The sampler these options ask for over an opened file or folder: labels for `balanced` and
    /// weights for `weights:NAME` are read from it, the chunk-aware shuffle built on its images.
    func makeSampler(for source: HDF5Source, path: String) throws -> any Sampler {
        try makeSampler(
            sampleCount: source.sampleCount,
            labels: {
                guard let labels = source.labels else {
                    throw BatchingError.invalidArgument(
                        "--sampler balanced needs labels, but \(path) has none; pass --labels PATH")
                }
                guard let values = try labels.gatherRows(Array(0..<labels.rowCount)).integerScalars(),
                    labels.rowShape.isEmpty
                else {
                    throw BatchingError.invalidLabels(
                        "the labels of \(path) are not one whole number per sample, so classes cannot be balanced; pass --labels PATH"
                    )
                }
                return values
            },
            weights: { name in
                let column = try BatchFolder(path: path).column(name)
                let values = try column.gatherRows(Array(0..<column.rowCount))
                return (0..<values.elementCount).map { values.doubleValue(atElement: $0) }
            },
            chunkedShuffle: { subset in
                let images = source.selection.images
                guard source.files.count == 1, let rows = source.files[0].root.dataset(at: images)?.chunkShape?.first
                else {
                    throw BatchingError.invalidArgument(
                        "--shuffle chunks needs images stored in chunks, but \(images) in \(path) is not chunked; use --shuffle exact"
                    )
                }
                return try ChunkShuffleSampler(sampleCount: source.sampleCount, rowsPerChunk: rows, subset: subset)
            })
    }

    /// The data source these options describe over `columns` of an opened file or folder.
    func makeDataSource(_ columns: [any BatchColumn], for source: HDF5Source, path: String) throws -> ArrayDataSource {
        try ArrayDataSource(columns, repeats: repeats, sampler: makeSampler(for: source, path: path))
    }
}
