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
        let file: ReadOnlyFile
        do { file = try ReadOnlyFile.shared(path: dataset.filePath) } catch {
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
            // The chunk index is checked before anything decides which reader reads: libhdf5
            // 1.10 reads chunks at origins off the grid, and past its buffers (SIGSEGV) when a
            // damaged chunk shape makes a chunk decode short; newer libraries refuse such files.
            let written = dataset.allocatedChunkCount()
            if let written, written > shapeGrid.chunkCount {
                return .failure(
                    .damaged(
                        name,
                        "its chunk index lists \(written) chunks, more than the \(shapeGrid.chunkCount) its grid holds")
                )
            }
            var reported: [HDF5ChunkLocation]?
            if let written, written <= locateChunksUpTo {
                do { reported = try dataset.chunkLocations() } catch {
                    return .failure(.damaged(name, "its chunk index cannot be listed (\(error))"))
                }
                let numbers = Set(reported?.compactMap { shapeGrid.chunkNumber(ofOrigin: $0.origin) } ?? [])
                guard numbers.count == reported?.count else {
                    return .failure(.damaged(name, "its chunk index lists chunks at origins off its chunk grid"))
                }
            }
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
            if let reported {
                // Every chunk is written, each at its own origin on the grid (checked above).
                guard
                    let locations = grid.locations(
                        of: reported.map {
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
        // libhdf5 reads nothing past the space the superblock allocates, even in a longer file.
        let readable = min(file.size, dataset.library.endOfAllocation ?? file.size)
        // Damage, not a reason to fall back: newer libhdf5 (and h5py) refuse such a dataset when
        // opening it, while 1.10 reads whatever rows happen to lie inside the file.
        guard layout.fits(fileSize: readable) else {
            return .failure(
                .damaged(name, "its bytes lie past the end of the file (or of its allocated space); it looks truncated")
            )
        }
        return .success(layout)
    }
}
