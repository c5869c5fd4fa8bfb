extension HDF5Column {
    /// Which reader serves this column: `direct` (``HDF5ReadPath/direct``: `pread` or a mapping,
    /// chunks inflated off libhdf5's lock) or `library` (hyperslab reads through libhdf5). A
    /// read-only report for the inspector's I/O view (`i`).
    public var readPathName: String { reader is DirectRowReader ? "direct" : "library" }
}
