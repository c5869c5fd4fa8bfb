/// Which way an ``HDF5Column`` reads its rows.
///
/// ```swift
/// let column = try HDF5Column(file: file, dataset: "images", readPath: .library)
/// ```
public enum HDF5ReadPath: String, Sendable, Hashable, CaseIterable {
    /// The fastest reader that can handle the dataset, falling back to the library.
    case automatic
    /// Always through libhdf5 (one hyperslab selection and `H5Dread` per run of rows).
    case library
    /// Always the direct reader (`pread`, inflate on worker threads, see `FastPath/`); opening
    /// a dataset it cannot read is an error.
    case direct
}

/// The row reader for `dataset` under `path` — the one place where readers are chosen; a direct
/// reader of a chunked dataset keeps its decoded chunks in `cache` and inflates whole chunks with
/// `deflate`.
///
/// A direct (fast) reader plugs in here: for `.automatic` it is tried first and says why not
/// for datasets it cannot handle, and the library reader takes over.
func makeRowReader(
    for dataset: HDF5Dataset, path: HDF5ReadPath, cache: DecodedChunkCache = DecodedChunkCache(),
    deflate: DeflateDecoder = .exact
) throws -> any HDF5RowReader {
    switch path {
    case .automatic:
        switch DirectRowReader.make(for: dataset, cache: cache, deflate: deflate) {
        case .success(let reader): return reader
        case .failure(let why) where why.damage != nil:
            throw HDF5Error.damagedDataset(
                file: dataset.filePath, dataset: dataset.info.path, problem: why.damage ?? why.reason)
        case .failure: return HDF5LibraryRowReader(dataset: dataset)
        }
    case .library:
        return HDF5LibraryRowReader(dataset: dataset)
    case .direct:
        switch DirectRowReader.make(for: dataset, cache: cache, deflate: deflate) {
        case .success(let reader): return reader
        case .failure(let why):
            throw HDF5Error.invalidArgument(
                "\(dataset.filePath): \(why), so the direct reader cannot read it; use --read-path automatic or library"
            )
        }
    }
}
