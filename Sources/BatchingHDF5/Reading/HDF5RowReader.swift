/// Reads whole rows of one dataset for sorted runs of rows — the seam between ``HDF5Column``
/// and the ways of reading a file.
///
/// The library path (``HDF5LibraryRowReader``) asks libhdf5; a direct reader may read the file
/// itself. ``makeRowReader(for:path:)`` chooses one. See `docs/hdf5.md`.
protocol HDF5RowReader: Sendable {
    /// The dataset it reads.
    var dataset: HDF5Dataset { get }

    /// Writes the rows of every run, run after run, into `destination` — exactly
    /// `runs.totalRows * dataset.info.bytesPerRow` bytes — as elements of `dataset.info.dtype`
    /// in native byte order.
    ///
    /// Runs are sorted, disjoint, non-empty and inside `0 ..< dataset.info.rowCount`. May be
    /// called from several threads at once.
    func readRuns(_ runs: [RowRun], into destination: UnsafeMutableRawBufferPointer) throws

    /// Writes the rows at `indices` (inside `0 ..< rowCount`, any order, repeats allowed) straight
    /// into `destination` in that order, when the reader can do that more cheaply than through
    /// sorted runs (rows of a memory-mapped file need no sorting); returns `false`, having written
    /// nothing, to be given runs instead. The default returns `false`.
    func gatherRowsDirectly(_ indices: [Int], into destination: UnsafeMutableRawBufferPointer) throws -> Bool

    /// Whether runs read on several threads at once really run in parallel (a whole file read
    /// in parts). The default is `false`: libhdf5 takes one lock for every call, and a chunked
    /// reader already decodes the chunks of one run on every core.
    var readsPartsInParallel: Bool { get }
}

extension HDF5RowReader {
    func gatherRowsDirectly(_ indices: [Int], into destination: UnsafeMutableRawBufferPointer) throws -> Bool { false }
    var readsPartsInParallel: Bool { false }
}

/// Reads rows through libhdf5: one hyperslab selection and `H5Dread` per run (a union of all
/// runs in one read was slower); the library decompresses and converts byte order.
struct HDF5LibraryRowReader: HDF5RowReader {
    let dataset: HDF5Dataset

    func readRuns(_ runs: [RowRun], into destination: UnsafeMutableRawBufferPointer) throws {
        try dataset.readRuns(runs, into: destination)
    }
}
