import Batching

/// The direct-read path behind the ``HDF5Column`` seam: reads a dataset's rows with `pread`,
/// decoding chunks on worker threads, and asks libhdf5 nothing after the layout.
///
/// ``make(for:cache:work:locateChunksUpTo:deflate:)`` returns a reader only for datasets ``DirectLayout/discover(_:)``
/// finds eligible; the others stay on the library reader.
struct DirectRowReader: HDF5RowReader {
    private enum Body: Sendable {
        case contiguous(DirectContiguousReader)
        case chunked(DirectChunkedReader)
    }

    let dataset: HDF5Dataset
    private let body: Body

    /// A direct reader for `dataset` keeping decoded chunks in `cache` and inflating whole chunks
    /// with `deflate`, or why there is none.
    static func make(
        for dataset: HDF5Dataset, cache: DecodedChunkCache, work: ParallelWork = ParallelWork(),
        locateChunksUpTo: Int = 4096, deflate: DeflateDecoder = .exact
    ) -> Result<DirectRowReader, DirectIneligibility> {
        // Held across discovery so that discovery and the reader share one open file.
        let opened = try? ReadOnlyFile.shared(path: dataset.filePath)
        defer { withExtendedLifetime(opened) {} }
        switch DirectLayout.discover(dataset, locateChunksUpTo: locateChunksUpTo) {
        case .failure(let why):
            return .failure(why)
        case .success(let layout):
            do {
                let file = try ReadOnlyFile.shared(path: layout.filePath)
                switch layout.storage {
                case .contiguous:
                    return .success(
                        DirectRowReader(
                            dataset: dataset,
                            body: .contiguous(try DirectContiguousReader(layout: layout, file: file))))
                case .chunked:
                    let reader = try DirectChunkedReader(
                        layout: layout, cache: cache, work: work, file: file, deflate: deflate)
                    return .success(DirectRowReader(dataset: dataset, body: .chunked(reader)))
                }
            } catch {
                return .failure(.init("dataset '\(dataset.info.path)': \(error)"))
            }
        }
    }

    /// The decoded-chunk cache this reader uses, for chunked datasets.
    var cache: DecodedChunkCache? {
        if case .chunked(let reader) = body { return reader.cache }
        return nil
    }

    /// The chunked reader inside, for tests that look at how chunks are found.
    var chunkedReader: DirectChunkedReader? {
        if case .chunked(let reader) = body { return reader }
        return nil
    }

    func gatherRowsDirectly(_ indices: [Int], into destination: UnsafeMutableRawBufferPointer) throws -> Bool {
        do {
            switch body {
            case .contiguous(let reader):
                return reader.gatherRows(indices, into: destination)
            case .chunked(let reader):
                try reader.gatherRows(indices, into: destination)
                return true
            }
        } catch let error as FastPathError {
            throw HDF5Error.readFailed(file: dataset.filePath, dataset: dataset.info.path, detail: error.problem)
        }
    }

    /// A contiguous dataset's rows in the file's memory mapping (see
    /// ``DirectContiguousReader/withMappedRows(_:)``); `nil` for chunked storage or no mapping.
    func withMappedRows<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R? {
        guard case .contiguous(let reader) = self.body else { return nil }
        return try reader.withMappedRows(body)
    }

    /// Contiguous rows are plain `pread`s and copies, which run in parallel.
    var readsPartsInParallel: Bool {
        if case .contiguous = body { return true }
        return false
    }

    func readRuns(_ runs: [RowRun], into destination: UnsafeMutableRawBufferPointer) throws {
        let ranges = runs.map { $0.start..<$0.end }
        do {
            switch body {
            case .contiguous(let reader): try reader.readRuns(ranges, into: destination)
            case .chunked(let reader): try reader.readRuns(ranges, into: destination)
            }
        } catch let error as FastPathError {
            throw HDF5Error.readFailed(file: dataset.filePath, dataset: dataset.info.path, detail: error.problem)
        }
    }
}
