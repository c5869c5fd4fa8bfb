import CHDF5

/// The Zstandard filter (HDF5 filter id 32015, as `hdf5plugin.Zstd()` writes it), decoded by
/// Debian's libzstd: Debian ships no HDF5 plugin for it, so batchview registers this decoder
/// with libhdf5 itself (``HDF5Plugins``), unless a plugin on `HDF5_PLUGIN_PATH` already decodes it.
///
/// Each chunk is one Zstandard frame that states its decoded size (as `ZSTD_compress` writes
/// it); a frame that does not, or states more than a chunk can hold, or does not decode to
/// exactly that size, fails the read as any damaged chunk does.
enum HDF5ZstdFilter {
    /// The registered filter id.
    static let id: H5Z_filter_t = 32015

    /// Registers the decoder with libhdf5; whether it is now registered.
    static func register() -> Bool {
        var filterClass = H5Z_class2_t(
            version: bv_H5Z_CLASS_T_VERS(), id: id, encoder_present: 0, decoder_present: 1,
            // A static string: the pointer stays valid for the life of the process.
            name: UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self),
            can_apply: nil, set_local: nil, filter: decode)
        return H5Zregister(&filterClass) >= 0
    }

    private static let name: StaticString = "zstd (libzstd, batchview)"

    /// libhdf5's filter callback: replaces the stored chunk in `*buffer` with its decoded bytes
    /// and returns their count, or returns 0 (failure) when they cannot be decoded.
    private static let decode: H5Z_func_t = { flags, _, _, storedBytes, bufferSize, buffer in
        guard flags & bv_H5Z_FLAG_REVERSE() != 0, let buffer, let bufferSize, let stored = buffer.pointee else {
            return 0 // No encoder: batchview never writes Zstandard.
        }
        let storedBuffer = UnsafeRawBufferPointer(start: stored, count: storedBytes)
        guard let size = ZstdFrame.statedSize(storedBuffer), let decoded = H5allocate_memory(size, false) else {
            return 0
        }
        do {
            try ZstdFrame.decode(storedBuffer, exactlyInto: UnsafeMutableRawBufferPointer(start: decoded, count: size))
        } catch {
            H5free_memory(decoded)
            return 0
        }
        H5free_memory(stored)
        buffer.pointee = decoded
        bufferSize.pointee = size
        return size
    }
}
