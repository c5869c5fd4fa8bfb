import Batching

extension ChunkShuffleSampler {
    /// The chunk-aware shuffle for the chunks of `column`'s dataset, over all samples or only
    /// `subset` (what `--shuffle chunks` builds).
    ///
    /// ```swift
    /// let images = try HDF5Column(file: file, dataset: "images")
    /// let sampler = try ChunkShuffleSampler(column: images, windowChunks: 8)
    /// let source = try ArrayDataSource([images, labels], sampler: sampler)
    /// ```
    ///
    /// - Throws: ``BatchingError/invalidArgument(_:)`` when the dataset is not chunked.
    public init(column: HDF5Column, windowChunks: Int = 8, subset: [Int]? = nil) throws {
        let info = column.dataset.info
        guard info.layout == .chunked, let rows = info.chunkShape?.first else {
            throw Self.notChunked("'\(info.path)' of \(column.dataset.filePath) (stored \(info.layout.rawValue))")
        }
        try self.init(sampleCount: info.rowCount, rowsPerChunk: rows, windowChunks: windowChunks, subset: subset)
    }
}
