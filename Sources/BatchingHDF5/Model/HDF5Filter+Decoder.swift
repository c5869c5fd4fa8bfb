extension HDF5Filter {
    /// What decodes this filter here, in a word: `direct` (the fast path's own inflate and
    /// unshuffle, off libhdf5's lock), `libhdf5` (a filter built into the library), `libzstd`
    /// (batchview's Zstandard decoder), `plugin` (a filter plugin libhdf5 loaded), or `nil` when
    /// nothing here can.
    public var decoder: String? {
        guard isAvailable else { return nil }
        if ChunkFilter(id: id, elementSize: 1) != nil { return "direct" }
        if id == HDF5ZstdFilter.id, HDF5Plugins.decodesZstdItself { return "libzstd" }
        return id < 256 ? "libhdf5" : "plugin"
    }

    /// The Debian package that would add a decoder for this filter, when one does.
    public var decoderPackage: String? { HDF5Plugins.package(forFilter: id) }
}
