extension HDF5Filter {
    /// What decodes this filter here, in a word or two: `direct` (the fast path's own inflate and
    /// unshuffle, off libhdf5's lock), `direct, liblz4` (the fast path, with the named Debian
    /// library, off the lock: ``ChunkCodec``), `libhdf5` (a filter built into the library),
    /// `libzstd` (batchview's Zstandard decoder, registered with libhdf5), `plugin` (a filter
    /// plugin libhdf5 loaded), or `nil` when nothing here can.
    public var decoder: String? {
        guard isAvailable else { return nil }
        if let codec = ChunkCodec(self) { return "direct, \(codec.library)" }
        if id == 1 || id == 2 { return "direct" }
        if id == HDF5ZstdFilter.id, HDF5Plugins.decodesZstdItself { return "libzstd" }
        return id < 256 ? "libhdf5" : "plugin"
    }

    /// The Debian package that would add a decoder for this filter, when one does.
    public var decoderPackage: String? { HDF5Plugins.package(forFilter: id) }
}
