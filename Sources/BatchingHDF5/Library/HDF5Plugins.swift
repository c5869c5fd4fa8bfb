import CHDF5
import Foundation

/// The filter plugins libhdf5 loads for compressed datasets h5py users write (LZF, and through
/// `hdf5plugin` LZ4, BZip2, Bitshuffle, Blosc, Zstd): where libhdf5 looks for them, and the package that adds
/// each.
///
/// Debian ships the plugins in ``debianFolder`` (`hdf5-plugin-lzf`, `hdf5-filter-plugin`,
/// `hdf5-filter-plugin-blosc-serial`, `bitshuffle`). libhdf5 searches `HDF5_PLUGIN_PATH` when it is set, as
/// the user asked; otherwise ``prepare()`` makes sure the Debian folder is searched.
enum HDF5Plugins {
    /// Where Debian installs the serial libhdf5's filter plugins.
    static let debianFolder = "/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins"

    /// Points libhdf5 at the Debian plugin folder unless `HDF5_PLUGIN_PATH` is set, and loads
    /// the libraries a Debian plugin needs but does not link: Debian's LZF plugin calls
    /// `lzf_decompress` without depending on `liblzf1`, so it fails to load unless liblzf is
    /// already in the process. Runs once, before the first library call (``HDF5Library``).
    static func prepare() {
        _ = prepared
    }

    /// Whether batchview's own Zstandard decoder (``HDF5ZstdFilter``) is the one registered.
    private static let prepared: Bool = {
        if ProcessInfo.processInfo.environment["HDF5_PLUGIN_PATH"] == nil, !searchPath().contains(debianFolder) {
            H5PLappend(debianFolder)
        }
        // Kept loaded for the life of the process, as the plugins that use it are.
        _ = dlopen("liblzf.so.1", RTLD_NOW | RTLD_GLOBAL)
        // No Debian plugin decodes Zstandard: libzstd does, unless a plugin the user gave does.
        guard H5Zfilter_avail(HDF5ZstdFilter.id) <= 0 else { return false }
        _ = HDF5Library.takeErrorMessage()
        return HDF5ZstdFilter.register()
    }()

    /// The folders libhdf5 searches for plugins, in order.
    static func searchPath() -> [String] {
        var count: UInt32 = 0
        guard H5PLsize(&count) >= 0 else { return [] }
        return (0..<count).compactMap { index in HDF5Library.string { H5PLget(index, $0, $1) } }
    }

    /// The Debian package that adds a decoder for filter `id`, when one does.
    static func package(forFilter id: Int) -> String? {
        switch id {
        case 32000: "hdf5-plugin-lzf (with liblzf1)"
        case 307, 32004: "hdf5-filter-plugin"
        case 32008: "bitshuffle"
        case 32001: "hdf5-filter-plugin-blosc-serial"
        default: nil
        }
    }
}
