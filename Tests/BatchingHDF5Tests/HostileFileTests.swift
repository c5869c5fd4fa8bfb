import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// One damaged file the fuzzer (`scripts/fuzz.py`) found: an original (a fixture of
/// `../shared/fixtures` or a file of `Assets`) with some bytes changed. Kept as the changed bytes,
/// not as a copy, so the repository holds a few hundred bytes instead of megabytes.
struct HostileMutant: CustomTestStringConvertible, Sendable {
    /// The name the fuzzer kept it under (`crash-000549-digits`).
    var name: String
    /// The original file's path.
    var original: String
    /// What is damaged, and what batchview did before it was fixed.
    var why: String
    /// Byte offset and the byte found there in the mutant.
    var bytes: [(offset: Int, value: UInt8)]

    init(_ name: String, fixture: String, why: String, bytes: [(Int, UInt8)]) {
        self.init(name, original: FixturePaths.fixture(fixture), why: why, bytes: bytes)
    }

    init(_ name: String, asset: String, why: String, bytes: [(Int, UInt8)]) {
        let path = FixturePaths.packageRoot.appendingPathComponent("Assets").appendingPathComponent(asset).path
        self.init(name, original: path, why: why, bytes: bytes)
    }

    private init(_ name: String, original: String, why: String, bytes: [(Int, UInt8)]) {
        self.name = name
        self.original = original
        self.why = why
        self.bytes = bytes.map { (offset: $0.0, value: $0.1) }
    }

    var testDescription: String { "\(name): \(why)" }

    /// Writes the mutant into `folder` and returns its path.
    func write(into folder: URL) throws -> String {
        var data = try Data(contentsOf: URL(fileURLWithPath: original))
        for (offset, value) in bytes { data[offset] = value }
        let path = folder.appendingPathComponent(name + ".h5").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Every mutant the fuzzer found a crash or wrong bytes with (seed 7 on the pre-#12 release
    /// binary, seeds 11, 21 and 41 on this branch's first builds, seed 1 of 10,000-mutant release
    /// runs, the last nine from the run that compared every read path); each is one cause.
    static let all: [HostileMutant] = [
        HostileMutant(
            "crash-000101-batch_0", fixture: "kaggle_dir/batch_0.h5",
            why: "an extent over its maximum (libhdf5 refuses the read; before, an absurd allocation aborted)",
            bytes: [(859, 0x01), (864, 0x30), (1111, 0x04), (25469, 0x2A)]),
        HostileMutant(
            "crash-000127-batch_2", fixture: "kaggle_dir/batch_2.h5",
            why: "an extent over its maximum (before: a conversion trap counting its bytes)",
            bytes: [(840, 0x54), (854, 0x10), (1002, 0x20), (23393, 0x71), (27288, 0x79), (32573, 0x94), (55576, 0x1F)]),
        HostileMutant(
            "wrong-000142-shapes_imbalanced", asset: "shapes_imbalanced.h5",
            why: "a 1-byte integer of 9-bit precision (HDF5 2.0 refuses it; 1.10 read it)",
            bytes: [
                (885, 0x40), (914, 0x09), (967, 0x40), (1063, 0x01), (1172, 0x80), (191248, 0x07), (200512, 0xB4),
                (218608, 0x67),
            ]),
        HostileMutant(
            "wrong-000195-rgb_chunked_gzip", fixture: "rgb_chunked_gzip.h5",
            why: "a chunk index with a chunk off the grid (h5py: bad coordinate offset)",
            bytes: [(3162, 0x10), (40611, 0x7D), (48467, 0xAC), (50540, 0x04)]),
        HostileMutant(
            "wrong-000263-timeseries", asset: "timeseries.h5",
            why: "a deflate level over 9, which libhdf5 refuses and the direct path ignored",
            bytes: [(984, 0x44)]),
        HostileMutant(
            "wrong-000404-batch_3", fixture: "kaggle_dir/batch_3.h5",
            why: "labels whose extent is over their maximum",
            bytes: [
                (1440, 0x0D), (1803, 0x10), (1823, 0x20), (1977, 0x40), (7038, 0x22), (14004, 0x7D), (17029, 0xC9),
                (23840, 0x80), (34671, 0xD2), (43894, 0x3E),
            ]),
        HostileMutant(
            "crash-000419-timeseries", asset: "timeseries.h5",
            why: "an extent of 2^48 over its maximum (before: an absurd allocation)",
            bytes: [
                (846, 0x01), (905, 0x02), (63773, 0xF0), (63774, 0x24), (63775, 0x8F), (63776, 0xB5), (63777, 0x53),
                (63778, 0x8B), (63779, 0x9F), (63780, 0x49), (63781, 0xED), (63782, 0x59), (63783, 0x8E), (63784, 0xF7),
                (63785, 0x66), (63787, 0x8A), (63788, 0x4F), (63789, 0xD8), (63790, 0x01), (63791, 0x5C), (63792, 0x88),
                (63793, 0x97), (63794, 0xF8), (63795, 0x2E), (63796, 0xBE), (63797, 0x5A), (63798, 0xE0), (63799, 0x24),
                (63800, 0x9B), (63801, 0x37), (63802, 0x6D), (63803, 0x98),
            ]),
        HostileMutant(
            "wrong-000431-timeseries", asset: "timeseries.h5",
            why: "an 8-byte integer at bit offset 8192",
            bytes: [(313006, 0x20), (313294, 0x08), (313354, 0x29), (313406, 0x21)]),
        HostileMutant(
            "crash-000549-digits", asset: "digits.h5",
            why: "a chunk extent larger than its fixed axis (before: SIGSEGV in memcpy inside libhdf5 1.10)",
            bytes: [(812, 0x01), (1003, 0x20), (1013, 0x04), (56677, 0x04), (67587, 0x01)]),
        HostileMutant(
            "wrong-000589-mnist_small", fixture: "mnist_small.h5",
            why: "an 8-byte integer of 4160-bit precision",
            bytes: [(1467, 0x10), (1608, 0x01), (1681, 0x10), (1870, 0x10)]),
        HostileMutant(
            "wrong-000134-nchw_float", fixture: "nchw_float.h5",
            why: "a float whose mantissa fields are not IEEE single precision",
            bytes: [
                (919, 0x57), (954, 0x01), (1157, 0x08), (1288, 0x20), (26432, 0xAE), (26433, 0x20), (26434, 0x5D),
                (26435, 0x4D), (26436, 0xB4), (26437, 0x02), (26438, 0xDF), (26439, 0x23), (26440, 0x0C), (26441, 0x02),
                (26442, 0xC0), (26443, 0x72), (26444, 0x85), (26445, 0x5F), (26446, 0xF6), (26447, 0xCE), (26448, 0x1C),
                (26449, 0xF7), (26450, 0xC0), (26451, 0x8A), (26452, 0xE9), (26453, 0x28), (26454, 0x51), (26455, 0x92),
                (26456, 0x4B), (26457, 0x0E), (26458, 0x36), (26459, 0x09), (26460, 0xF7), (26461, 0xBC), (26462, 0xC9),
                (26463, 0x8E), (26464, 0x68), (26465, 0x81), (26466, 0x9B), (26467, 0x02), (26468, 0x9F), (26469, 0x3E),
                (26470, 0x5D), (26471, 0x12), (26472, 0x18), (26473, 0xF8), (26474, 0x24), (26475, 0x05), (26476, 0xB9),
                (26477, 0x8D), (26478, 0xF7), (287255, 0x1F), (612755, 0x7F),
            ]),
        HostileMutant(
            "wrong-000204-imbalanced", fixture: "imbalanced.h5",
            why: "an integer of precision 0",
            bytes: [
                (914, 0x00), (1053, 0x02), (1266, 0x20), (52566, 0xF7), (55157, 0x35), (64415, 0xFD), (66556, 0x6A),
                (78322, 0x00), (78323, 0x00), (78324, 0x00), (78325, 0x00), (78326, 0x00), (78327, 0x00), (78328, 0x00),
                (78329, 0x00), (78330, 0x00), (78331, 0x00), (78332, 0x00), (78333, 0x00), (78334, 0x00), (78335, 0x00),
                (78336, 0x00), (78337, 0x00), (78338, 0x00), (78339, 0x00), (78340, 0x00), (78341, 0x00), (78342, 0x00),
                (78343, 0x00), (78344, 0x00), (78345, 0x00), (78346, 0x00), (78347, 0x00), (78348, 0x00), (78349, 0x00),
                (78350, 0x00), (78351, 0x00), (78352, 0x00), (78353, 0x00), (78354, 0x00), (78355, 0x00), (78356, 0x00),
            ]),
        HostileMutant(
            "wrong-000181-mnist_small", fixture: "mnist_small.h5",
            why: "a version-1 object header stating 1 message where it holds 5 (h5py: bad object header message count)",
            bytes: [
                (1402, 0x01), (1840, 0x08), (105135, 0xEF), (161517, 0x97), (190493, 0xF3), (212459, 0xA5),
                (266941, 0x88), (303822, 0xD9),
            ]),
        HostileMutant(
            "crash-000039-rgb_chunked_gzip", fixture: "rgb_chunked_gzip.h5",
            why:
                "a chunk extent of 144 rows over an index of 16-row chunks (before: SIGSEGV in memcpy inside libhdf5 1.10)",
            bytes: [(2051, 0x90), (2256, 0x01)]),
        HostileMutant(
            "wrong-000169-mnist_small", fixture: "mnist_small.h5",
            why: "contiguous bytes that end past the allocated space (h5py: invalid dataset size)",
            bytes: [(931, 0x48), (995, 0x01)]),
        HostileMutant(
            "crash-002401-mnist_small", fixture: "mnist_small.h5",
            why: "a layout turned compact with 5 bytes for 392,000 (before: SIGSEGV in memcpy inside libhdf5 1.10)",
            bytes: [
                (928, 0x02), (1037, 0x08), (1154, 0x80), (1263, 0x04), (99465, 0x5E), (131933, 0xC6), (302531, 0x1D),
                (312104, 0x10), (323127, 0x5D), (335559, 0xC7), (376960, 0x15),
            ]),
        HostileMutant(
            "wrong-000557-batch_0", fixture: "kaggle_dir/batch_0.h5",
            why:
                "a version-1 object header with a 4-byte gap after its last message (h5py: gap found in early version of file format)",
            bytes: [
                (808, 0x04), (873, 0x08), (1038, 0x02), (1299, 0x20), (1734, 0x10), (1796, 0x08), (1816, 0x02),
                (1874, 0x08),
            ]),
        HostileMutant(
            "wrong-002854-shapes_imbalanced", asset: "shapes_imbalanced.h5",
            why: "a null message flagged shared (h5py: message of unshareable class flagged as shareable)",
            bytes: [(1060, 0x02), (156376, 0xB2)]),
        HostileMutant(
            "wrong-008179-batch_2", fixture: "kaggle_dir/batch_2.h5",
            why: "a layout message flagged shared (h5py: message of unshareable class flagged as shareable)",
            bytes: [(940, 0x02), (989, 0x08), (1006, 0x04)]),
        HostileMutant(
            "wrong-003345-digits", asset: "digits.h5",
            why:
                "a chunk layout whose stored element size differs from its datatype (h5py: stored datatype size in chunk layout does not match datatype description)",
            bytes: [(1015, 0x05), (1053, 0x80), (1289, 0x08)]),
        HostileMutant(
            "wrong-002679-rgb_chunked_gzip", fixture: "rgb_chunked_gzip.h5",
            why: "a chunk B-tree key off the grid, which 1.10 reports on the grid (h5py: bad coordinate offset)",
            bytes: [(3559, 0x10)]),
        HostileMutant(
            "wrong-002211-rgb_chunked_gzip", fixture: "rgb_chunked_gzip.h5",
            why:
                "a chunk extent of 288 over a 32-wide axis whose maximum was raised, so B-tree keys fall off the grid (h5py: bad coordinate offset)",
            bytes: [(1916, 0x80), (1923, 0x20), (1994, 0x7D), (2060, 0x01)]),
        HostileMutant(
            "wrong-002577-digits", asset: "digits.h5",
            why: "superblock status flags with undefined high bits (h5py: bad superblock status flags)",
            bytes: [(22, 0x40), (34744, 0x2A), (51051, 0xCA), (61962, 0x02), (62726, 0x04), (65774, 0x10)]),
        HostileMutant(
            "wrong-004979-timeseries", asset: "timeseries.h5",
            why:
                "an attribute message of the root group turned into an old-style modification time that is not a date (h5py: badly formatted modification time message)",
            bytes: [(1214, 0x04), (313011, 0x10), (313187, 0x20), (313237, 0x0E), (313416, 0x00)]),
        HostileMutant(
            "wrong-002745-digits", asset: "digits.h5",
            why:
                "contiguous bytes past the allocated space, refused before only on the automatic path (h5py: invalid dataset size)",
            bytes: [(52896, 0xD7), (53059, 0x01), (53242, 0x70), (53263, 0x74)]),
        HostileMutant(
            "wrong-000982-shapes_imbalanced", asset: "shapes_imbalanced.h5",
            why:
                "a fill value message whose size contradicts its value (h5py and the library path: invalid combination of fill-value info; the direct path read it)",
            bytes: [(935, 0xC8)]),
    ]
}

/// Damaged files that crashed batchview or made it return bytes libhdf5 (through h5py) refuses
/// to return: each is now refused with one sentence, as h5py refuses it, on every read path
/// (automatic, library, direct), and the file is left unchanged.
@Suite struct HostileFileTests {
    @Test(arguments: HostileMutant.all)
    func aDamagedFileIsRefusedWhereH5pyRefuses(mutant: HostileMutant) throws {
        let folder = try FixturePaths.temporaryDirectory("hostile")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try mutant.write(into: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // The truth: h5py (a newer libhdf5 than Debian's) opening every dataset and reading rows 0, 1.
        let h5py = try Python.run(
            """
            import sys, h5py
            try:
                with h5py.File(sys.argv[1], "r") as f:
                    names = []
                    f.visit(names.append)
                    for name in names:
                        item = f[name]
                        if isinstance(item, h5py.Dataset) and item.shape:
                            item[0:2]
                print("reads")
            except Exception as e:
                print("refuses", e)
            """, arguments: [path])
        #expect(h5py.standardOutput.hasPrefix("refuses"), "\(h5py.combinedOutput)")
        // As the commands read it, on every read path: damage is decided before a path is chosen.
        for readPath in HDF5ReadPath.allCases {
            do {
                let source = try HDF5Source.open(path, readPath: readPath)
                _ = try source.images.gatherRows([0, 1])
                _ = try source.labels?.gatherRows([0, 1])
                Issue.record("\(mutant.name) was read through the \(readPath) path, but h5py refuses it")
            } catch {
                let sentence = "\(error)"
                #expect(sentence.contains(path) && !sentence.contains("\n"), "\(readPath): \(sentence)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
