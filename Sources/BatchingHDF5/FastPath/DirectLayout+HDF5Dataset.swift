import Batching

extension DirectLayout {
    /// The direct-read layout of an open dataset, asked of libhdf5 once (the file offset of a
    /// contiguous dataset, the location of every chunk of a chunked one); or why the dataset must
    /// be read through libhdf5.
    ///
    /// Eligible: numeric elements of a supported width in either byte order; contiguous storage
    /// inside the file (not external, not unallocated); chunked storage with every chunk written,
    /// filtered by deflate and shuffle only. Compact and virtual datasets, other filters, external
    /// files and chunks past the end of the file are left to the library.
    ///
    /// ```swift
    /// switch DirectLayout.discover(try file.dataset("images")) {
    /// case .success(let layout): print(layout.storage)
    /// case .failure(let why): print(why)
    /// }
    /// ```
    ///
    /// - Parameter locateChunksUpTo: the most chunks whose file locations are learned up front
    ///   (libhdf5 1.10 finds the *k*-th chunk by walking its index from the start, so locating *n*
    ///   chunks costs O(n²): 6 s for 20,000 chunks here). Datasets of more chunks have their raw
    ///   chunks copied out by the library on demand instead (``ChunkStore/library(_:)``).
    public static func discover(
        _ dataset: HDF5Dataset,
        locateChunksUpTo: Int = 4096
    ) -> Result<DirectLayout, DirectIneligibility> {
        let info = dataset.info
        let name = "dataset '\(info.path)'"
        guard case (let dtype, let order)? = info.elementType.storedNumber else {
            return .failure(.init("\(name) holds \(info.elementType), which only libhdf5 converts"))
        }
        guard info.rank >= 1 else { return .failure(.init("\(name) is a scalar")) }
        let swap = order != HDF5ByteOrder.native
        do { _ = try ReadOnlyFile.shared(path: dataset.filePath) } catch {
            return .failure(.init("\(name): \(error)"))
        }
        let storage: Storage
        switch info.layout {
        case .compact:
            return .failure(.init("\(name) is stored compactly inside its object header"))
        case .virtual:
            return .failure(.init("\(name) is a virtual dataset stitched from other datasets"))
        case .contiguous:
            guard let offset = dataset.contiguousFileOffset() else {
                return .failure(
                    .init("\(name) has no storage in the file itself (never written, or in external files)"))
            }
            storage = .contiguous(fileOffset: offset)
        case .chunked:
            guard let chunkShape = info.chunkShape,
                let shapeGrid = ChunkGrid(
                    datasetShape: info.shape, chunkShape: chunkShape, elementSize: dtype.byteWidth, filters: [])
            else {
                return .failure(.init("\(name): libhdf5 reported a chunk shape that does not fit the dataset"))
            }
            // The chunk index was checked when the dataset was opened (``HDF5StoredBytes``, for
            // every read path): its chunks lie on the grid, once each, inside the file.
            let indexed = dataset.library.stored.chunks
            let written = indexed?.count ?? dataset.allocatedChunkCount()
            guard written == shapeGrid.chunkCount else {
                return .failure(.init("\(name) has chunks that were never written (they read as the fill value)"))
            }
            var filters = [ChunkFilter]()
            for filter in info.filters {
                guard let known = ChunkFilter(filter, elementSize: dtype.byteWidth) else {
                    let parameters = filter.parameters.map(String.init).joined(separator: ", ")
                    return .failure(
                        .init(
                            "\(name) uses the \(filter.summary) filter (parameters [\(parameters)]), which only libhdf5 decodes"
                        ))
                }
                filters.append(known)
            }
            let grid = shapeGrid.filtered(by: filters)
            if let indexed, indexed.count <= locateChunksUpTo {
                // Every chunk is written, each at its own origin on the grid (checked at opening).
                guard
                    let locations = grid.locations(
                        of: indexed.map {
                            (
                                origin: $0.origin,
                                location: ChunkLocation(
                                    fileOffset: $0.fileOffset, storedSize: $0.storedSize,
                                    filterMask: $0.filterMask)
                            )
                        })
                else {
                    return .failure(.damaged(name, "its chunk index lists chunks at origins off its chunk grid"))
                }
                storage = .chunked(grid, .located(locations))
            } else {
                // Too many chunks to locate up front: libhdf5 copies each raw chunk out, by its
                // origin on the grid, when it is first read.
                storage = .chunked(grid, .library(LibraryRawChunkReader(dataset: dataset)))
            }
        }
        let layout = DirectLayout(
            filePath: dataset.filePath, datasetPath: info.path, dtype: dtype, swapBytes: swap,
            shape: info.shape, storage: storage)
        return .success(layout)
    }
}
