import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// Datasets h5py users compress with LZF or, through `hdf5plugin`, LZ4, BZip2, Bitshuffle,
/// Blosc and Zstd read through libhdf5 and Debian's plugins (Zstd: libzstd), byte for byte as
/// h5py reads them: several element types (both byte orders), chunk shapes, with and without
/// the shuffle filter.
struct PluginFilterTests {
    /// The h5py keyword arguments of each filter (`hdf5plugin` imported as `p`).
    @Test(arguments: [
        "compression='lzf'", "**p.LZ4()", "compression=307", "**p.Bitshuffle()",
        "**p.Blosc(cname='lz4', clevel=5, shuffle=p.Blosc.SHUFFLE)",
        "**p.Blosc(cname='zstd', clevel=3, shuffle=p.Blosc.BITSHUFFLE)", "**p.Zstd()", "**p.Zstd(clevel=19)",
    ])
    func readsAsH5pyReads(filter: String) throws {
        let folder = try FixturePaths.temporaryDirectory("plugins")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("filtered.h5").path
        // Writes one dataset per (dtype, chunks, shuffle) and prints each one's bytes as h5py
        // reads them, in native byte order: "name hex" lines.
        let written = try Python.run(
            """
            import sys, h5py, numpy as np, hdf5plugin as p
            out = []
            with h5py.File(sys.argv[1], "w") as f:
                for dtype in ("u1", "<i2", ">f4", "<f8"):
                    for chunks in ((8, 6, 5), (3, 2, 5)):
                        for shuffle in (False, True):
                            x = (np.arange(37 * 6 * 5) * 7919 % 1013 - 300).astype(dtype).reshape(37, 6, 5)
                            name = "%s_%d_%s" % (dtype.strip("<>"), chunks[0], shuffle)
                            if dtype.startswith(">"):
                                name = "be_" + name
                            d = f.create_dataset(name, data=x, chunks=chunks, shuffle=shuffle, \(filter))
                            out.append((name, d.id.get_create_plist().get_nfilters()))
            with h5py.File(sys.argv[1], "r") as f:
                for name, _ in out:
                    a = f[name][:]
                    print(name, a.astype(a.dtype.newbyteorder("=")).tobytes().hex())
            """, arguments: [path])
        #expect(written.status == 0, "\(written.combinedOutput)")
        let expected = written.standardOutput.split(separator: "\n").map { $0.split(separator: " ") }
        #expect(expected.count == 16)
        let file = try HDF5File(path: path)
        for line in expected where line.count == 2 {
            let name = String(line[0])
            for readPath in [HDF5ReadPath.automatic, .library] {
                let column = try HDF5Column(file: file, dataset: name, readPath: readPath)
                let rows = try column.gatherRows(Array(0..<column.rowCount))
                let hex = rows.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
                #expect(hex == String(line[1]), "\(name) through the \(readPath) path")
            }
            let decoder = file.root.dataset(at: name)?.filters.last?.decoder
            #expect(decoder == (filter.contains("Zstd") ? "libzstd" : "plugin"))
        }
    }

    /// A filter nothing here decodes is still refused with the sentence naming it.
    @Test func aFilterNothingDecodesIsRefusedByName() throws {
        let folder = try FixturePaths.temporaryDirectory("plugins")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("unknown.h5").path
        let written = try Python.run(
            """
            import sys, h5py
            with h5py.File(sys.argv[1], "w") as f:
                f.create_dataset("images", shape=(8, 4, 4), dtype="u1", chunks=(4, 4, 4), compression=32999,
                                 allow_unknown_filter=True)
            """, arguments: [path])
        #expect(written.status == 0, "\(written.combinedOutput)")
        #expect(throws: HDF5Error.unsupportedFilter(file: path, dataset: "images", filter: "filter 32999", id: 32999)) {
            try HDF5Column(file: HDF5File(path: path), dataset: "images")
        }
        #expect(try HDF5File(path: path).root.dataset(at: "images")?.filters.first?.decoder == nil)
    }
}
