/// Which way an ``HDF5Column`` reads its rows.
///
/// ```swift
/// let column = try HDF5Column(file: file, dataset: "images", readPath: .library)
/// ```
public enum HDF5ReadPath: String, Sendable, Hashable, CaseIterable {
    /// The fastest reader that can handle the dataset, falling back to the library.
    case automatic
    /// Always through libhdf5 (`H5Dread` with hyperslab selections).
    case library
}

/// The row reader for `dataset` under `path` — the one place where readers are chosen.
///
/// A direct (fast) reader plugs in here: for `.automatic` it is tried first and returns `nil`
/// for datasets it cannot handle, and the library reader takes over.
func makeRowReader(for dataset: HDF5Dataset, path: HDF5ReadPath) throws -> any HDF5RowReader {
    switch path {
    case .automatic, .library:
        return HDF5LibraryRowReader(dataset: dataset)
    }
}
