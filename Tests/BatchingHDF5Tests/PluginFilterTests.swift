import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// Datasets h5py users compress with LZF or, through `hdf5plugin`, LZ4, BZip2, Bitshuffle,
/// Blosc and Zstd read through libhdf5 and Debian's plugins (Zstd: libzstd), byte for byte as
/// h5py reads them: several element types (both byte orders), chunk shapes, with and without
/// the shuffle filter. (The direct path's own decoding of them: DirectCodecTests.)
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
        let expected = try Self.writeWithH5py(filter, at: path)
        let file = try HDF5File(path: path)
        for (name, hex) in expected {
            for readPath in [HDF5ReadPath.automatic, .library] {
                let column = try HDF5Column(file: file, dataset: name, readPath: readPath)
                let rows = try column.gatherRows(Array(0..<column.rowCount))
                #expect(Self.hex(rows) == hex, "\(name) through the \(readPath) path")
            }
            let decoder = file.root.dataset(at: name)?.filters.last?.decoder()
            // The direct path decodes all but these itself (DirectCodecTests).
            let pluginOnly = filter.contains("Bitshuffle()") || filter.contains("307")
            #expect(
                pluginOnly ? decoder == "plugin" : decoder?.hasPrefix("direct, ") == true,
                "\(name): \(decoder ?? "none")")
        }
    }

    /// Writes with h5py, at `path`, one dataset per element type (u1, i2, f4, f8, both byte
    /// orders), chunk shape and use of the shuffle filter, and one of random bytes (which no
    /// compressor shrinks), each with `filter` (h5py keyword arguments, `hdf5plugin` imported as
    /// `p`); returns each one's name and its bytes as h5py reads them, in native byte order, in hex.
    static func writeWithH5py(_ filter: String, at path: String) throws -> [(name: String, hex: String)] {
        let written = try Python.run(
            """
            import sys, h5py, numpy as np, hdf5plugin as p
            names = []
            with h5py.File(sys.argv[1], "w") as f:
                for dtype in ("u1", "<i2", ">i2", "<f4", ">f4", "<f8", ">f8"):
                    for chunks in ((8, 6, 5), (3, 2, 5)):
                        for shuffle in (False, True):
                            x = (np.arange(37 * 6 * 5) * 7919 % 1013 - 300).astype(dtype).reshape(37, 6, 5)
                            name = "%s_%d_%s" % (dtype.replace(">", "be").replace("<", "le"), chunks[0], shuffle)
                            f.create_dataset(name, data=x, chunks=chunks, shuffle=shuffle, \(filter))
                            names.append(name)
                noise = np.random.default_rng(5).integers(0, 256, size=(37, 6, 5)).astype("u1")
                f.create_dataset("random_u1", data=noise, chunks=(8, 6, 5), \(filter))
                names.append("random_u1")
            with h5py.File(sys.argv[1], "r") as f:
                for name in names:
                    a = f[name][:]
                    print(name, a.astype(a.dtype.newbyteorder("=")).tobytes().hex())
            """, arguments: [path])
        #expect(written.status == 0, "\(written.combinedOutput)")
        let lines = written.standardOutput.split(separator: "\n").map { $0.split(separator: " ") }
        #expect(lines.count == 29)
        return lines.filter { $0.count == 2 }.map { (String($0[0]), String($0[1])) }
    }

    static func hex(_ rows: Tensor) -> String {
        rows.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
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
        #expect(try HDF5File(path: path).root.dataset(at: "images")?.filters.first?.decoder() == nil)
    }
}
