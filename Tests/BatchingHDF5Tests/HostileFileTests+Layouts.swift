import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// The other side of refusing what h5py refuses: every file h5py writes and reads — each file
/// format version, storage layout, header flag and a user block — still reads, byte for byte as
/// h5py reads it, on every read path. And the chunk index checks reach indexes of more chunks
/// than are listed one by one.
@Suite struct HostileFileLayoutTests {
    /// Writes `images` (40 × 6 × 5 uint8) and `labels` with h5py under `train/` in a file made
    /// with `fileOptions`, `images` stored with `storage`; returns the path.
    private static func write(_ name: String, fileOptions: String, storage: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name + ".h5").path
        let result = try Python.run(
            """
            import sys, h5py, numpy as np
            x = (np.arange(40 * 6 * 5) % 251).astype(np.uint8).reshape(40, 6, 5)
            with h5py.File(sys.argv[1], "w", \(fileOptions)) as f:
                g = f.create_group("train")
                d = g.create_dataset("images", data=x, \(storage))
                d.attrs["note"] = np.arange(3)
                g.create_dataset("labels", data=(np.arange(40) % 7).astype(np.int64), track_times=True)
            """, arguments: [path])
        try #require(result.status == 0, "\(result.combinedOutput)")
        return path
    }

    static let variants: [(name: String, file: String, storage: String)] = [
        ("earliest-contiguous", "libver='earliest'", "track_times=True"),
        ("earliest-chunked", "libver='earliest'", "chunks=(4, 3, 5)"),
        ("earliest-gzip-userblock", "libver='earliest', userblock_size=512", "chunks=(8, 6, 5), compression='gzip'"),
        ("earliest-contiguous-userblock", "libver='earliest', userblock_size=1024", "track_times=False"),
        ("v110-extendable", "libver='v110'", "chunks=(8, 6, 5), maxshape=(None, 6, None)"),
        ("v110-single-chunk-ordered", "libver='v110', track_order=True", "chunks=(40, 6, 5), track_order=True"),
        ("latest-chunked-times", "libver='latest'", "chunks=(1, 6, 5), track_times=True"),
    ]

    @Test(arguments: variants.map(\.name))
    func aFileH5pyWritesReadsAsH5pyReadsItOnEveryPath(variant: String) throws {
        let folder = try FixturePaths.temporaryDirectory("layouts")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try #require(Self.variants.first { $0.name == variant })
        let path = try Self.write(spec.name, fileOptions: spec.file, storage: spec.storage, in: folder)
        // The truth: rows 3 and 17 as h5py reads them.
        let h5py = try Python.run(
            """
            import sys, h5py
            with h5py.File(sys.argv[1], "r") as f:
                print(f["train/images"][[3, 17]].tobytes().hex())
            """, arguments: [path])
        let expected = h5py.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        for readPath in HDF5ReadPath.allCases {
            let file = try HDF5File(path: path)
            let column: HDF5Column
            do { column = try HDF5Column(file: file, dataset: "train/images", readPath: readPath) } catch {
                // Only the direct path may decline (a layout it does not decode), never as damage.
                #expect(readPath == .direct && !"\(error)".contains("damaged"), "\(readPath): \(error)")
                continue
            }
            let rows = try column.gatherRows([3, 17])
            let hex = rows.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
            #expect(hex == expected, "\(variant) through the \(readPath) path")
        }
    }

    /// An index of 5,000 chunks (more than are listed entry by entry): read as h5py reads it,
    /// and refused on every path once one key of its B-tree lies off the grid, as h5py refuses.
    @Test func aLargeChunkIndexIsCheckedKeyByKey() throws {
        let folder = try FixturePaths.temporaryDirectory("large-index")
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.h5").path
        let bad = folder.appendingPathComponent("bad.h5").path
        // h5py writes 5,000 one-row chunks, then a copy gets the row offset of one leaf key
        // (found by walking the version-1 B-tree) moved off the grid (h5py: bad coordinate offset).
        let made = try Python.run(
            """
            import sys, struct, shutil, h5py, numpy as np
            good, bad = sys.argv[1], sys.argv[2]
            with h5py.File(good, "w", libver="earliest") as f:
                f.create_dataset("images", data=np.arange(5000 * 8, dtype=np.uint8).reshape(5000, 8), chunks=(1, 8))
                f.create_dataset("labels", data=np.zeros(5000, dtype=np.int64))
            data = bytearray(open(good, "rb").read())
            with h5py.File(good, "r") as f:
                offset = f["images"].id.get_chunk_info(2500).byte_offset
            # The leaf entry whose child is chunk 2500: its key (stored size, filter mask, row,
            # column and element offsets) precedes the child's address.
            at = data.find(struct.pack("<Q", offset))
            key = at - 32
            assert struct.unpack("<QQ", data[key + 8:key + 24]) == (2500, 0)
            data[key + 16:key + 24] = struct.pack("<Q", 3)
            open(bad, "wb").write(data)
            try:
                with h5py.File(bad, "r") as f:
                    f["images"][2500:2502]
                print("reads")
            except Exception as e:
                print("refuses", e)
            """, arguments: [good, bad])
        #expect(made.standardOutput.hasPrefix("refuses"), "\(made.combinedOutput)")
        for readPath in HDF5ReadPath.allCases {
            let rows = try HDF5Column(file: try HDF5File(path: good), dataset: "images", readPath: readPath)
                .gatherRows([2500, 4999])
            // The file's bytes count 0, 1, 2 … modulo 256: row r holds 8r ..< 8r + 8.
            let expected: [UInt8] = [2500, 4999].flatMap { row in (row * 8..<row * 8 + 8).map { UInt8($0 % 256) } }
            let read: [UInt8] = rows.withUnsafeBytes { Array($0) }
            #expect(read == expected, "\(readPath)")
            #expect(throws: HDF5Error.self, "\(readPath)") {
                _ = try HDF5Column(file: try HDF5File(path: bad), dataset: "images", readPath: readPath)
            }
        }
    }
}
