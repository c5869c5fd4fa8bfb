extension HDF5Filter {
    /// What decodes this filter here, in a word or two: `direct` (the fast path's own unshuffle,
    /// off libhdf5's lock), `direct, liblz4` (the fast path, with the named Debian library, off the
    /// lock: ``ChunkCodec``; Zstd among them, whose library path is batchview's own libzstd
    /// filter, ``HDF5ZstdFilter``; deflate with `exact` or, when asked for, `zlib`:
    /// ``DeflateDecoder``), `libhdf5` (a filter built into the library), `plugin` (a filter plugin
    /// libhdf5 loaded), or `nil` when nothing here can.
    public func decoder(deflate: DeflateDecoder = .exact) -> String? {
        guard isAvailable else { return nil }
        if let codec = ChunkCodec(self) { return "direct, \(codec.library)" }
        if id == 1 { return "direct, \(deflate.rawValue)" }
        if id == 2 { return "direct" }
        return id < 256 ? "libhdf5" : "plugin"
    }

    /// The Debian package that would add a decoder for this filter, when one does.
    public var decoderPackage: String? { HDF5Plugins.package(forFilter: id) }
}
