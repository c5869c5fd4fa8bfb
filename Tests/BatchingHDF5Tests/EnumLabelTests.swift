import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// Labels stored as an HDF5 enumeration by h5py (`h5py.enum_dtype`): read as their stored values
/// — h5py's reading, byte for byte, on every read path — with the enumeration's names as class
/// names indexed by value.
struct EnumLabelTests {
    /// A file whose `labels` are `values` of an enumeration `members` over `base` (a NumPy type
    /// string such as `i1`, `<u2`, `>u2`), chunked or not.
    private func write(
        members: [String: Int], base: String, values: [Int], chunked: Bool = false, to path: String
    ) throws {
        let spec = try String(decoding: JSONSerialization.data(withJSONObject: members), as: UTF8.self)
        let result = try Python.run(
            """
            import h5py, numpy as np, sys, json
            path, members, base, values = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
            with h5py.File(path, 'w') as f:
                f['images'] = (np.arange(len(values) * 4) % 251).astype('u1').reshape(len(values), 2, 2)
                kind = h5py.enum_dtype(members, basetype=base)
                f.create_dataset('labels', data=np.array(values, dtype=base), dtype=kind,
                                 chunks=(2,) if sys.argv[5] == '1' else None)
            """, arguments: [path, spec, base, "\(values)", chunked ? "1" : "0"])
        try #require(result.status == 0, "\(result.combinedOutput)")
    }

    /// h5py's reading of `labels`, as hex of its bytes in native order.
    private func h5pyHex(_ path: String) throws -> String {
        let result = try Python.run(
            """
            import h5py, sys
            x = h5py.File(sys.argv[1], 'r')['labels'][:]
            print(x.astype(x.dtype.newbyteorder('=')).tobytes().hex())
            """, arguments: [path])
        try #require(result.status == 0, "\(result.combinedOutput)")
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func hex(_ tensor: Tensor) -> String {
        tensor.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
    }

    /// Two members over one signed byte are an enumeration, not h5py's bool (FALSE/TRUE).
    @Test(arguments: [false, true])
    func twoMembersOverOneByteAreClasses(chunked: Bool) throws {
        let folder = try FixturePaths.temporaryDirectory("enum-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("i1.h5").path
        try write(members: ["cat": 0, "dog": 1], base: "i1", values: [1, 0, 0, 1, 1], chunked: chunked, to: path)
        let expected = try h5pyHex(path)
        for readPath in HDF5ReadPath.allCases {
            let source = try HDF5Source.open(path, readPath: readPath)
            let labels = try #require(source.labels)
            #expect(labels.dtype == .int8)
            #expect(hex(try labels.gatherRows([0, 1, 2, 3, 4])) == expected, "\(readPath)")
            #expect(source.classNames == ["cat", "dog"])
        }
        let info = try #require(try HDF5File(path: path).root.dataset(at: "labels"))
        #expect(info.elementType.enumeration?.members.map(\.name).sorted() == ["cat", "dog"])
        #expect(info.elementType.description.hasPrefix("enum int8 {"))
    }

    /// Values that are not 0…K-1 stay the stored values; the class-name list is indexed by value,
    /// with the values no member has written out. Both byte orders, every read path (a
    /// big-endian enumeration is read by libhdf5 even when the direct path is asked for).
    @Test(arguments: ["<u2", ">u2"])
    func nonContiguousValuesIndexTheClassNames(base: String) throws {
        let folder = try FixturePaths.temporaryDirectory("enum-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("u2.h5").path
        try write(
            members: ["zero": 0, "seven": 7, "big": 300], base: base, values: [7, 300, 0, 7, 300, 300], chunked: true,
            to: path)
        let expected = try h5pyHex(path)
        for readPath in [HDF5ReadPath.automatic, .library] {
            let source = try HDF5Source.open(path, readPath: readPath)
            let labels = try #require(source.labels)
            let read = try labels.gatherRows([0, 1, 2, 3, 4, 5])
            #expect(labels.dtype == .uint16 && hex(read) == expected)
            #expect((0..<6).map { Int(read.doubleValue(atElement: $0)) } == [7, 300, 0, 7, 300, 300])
            let names = try #require(source.classNames)
            #expect(names.count == 301 && names[0] == "zero" && names[7] == "seven" && names[300] == "big")
            #expect(names[1] == "1" && names[299] == "299")
            #expect(source.selection.reasons.last?.hasPrefix("class names: the enumeration's 3 names") == true)
        }
        let direct = Result { try HDF5Source.open(path, readPath: .direct) }
        if base == "<u2" {
            #expect(hex(try #require(try direct.get().labels).gatherRows(Array(0..<6))) == expected)
        } else {
            #expect(throws: (any Error).self) { try direct.get() }
        }
    }

    /// Every file of a folder must hold the same enumeration; its names are the folder's classes.
    @Test func aFolderNeedsOneEnumeration() throws {
        let folder = try FixturePaths.temporaryDirectory("enum-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let same = folder.appendingPathComponent("same")
        let other = folder.appendingPathComponent("other")
        for sub in [same, other] { try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true) }
        let members = ["a": 2, "b": 5]
        try write(members: members, base: "i1", values: [2, 5], to: same.appendingPathComponent("batch_0.h5").path)
        try write(members: members, base: "i1", values: [5, 5, 2], to: same.appendingPathComponent("batch_1.h5").path)
        try write(members: members, base: "i1", values: [2], to: other.appendingPathComponent("batch_0.h5").path)
        try write(
            members: ["a": 2, "c": 5], base: "i1", values: [5], to: other.appendingPathComponent("batch_1.h5").path)
        let source = try HDF5Source.open(same.path)
        let labels = try #require(source.labels)
        let read = try labels.gatherRows([0, 1, 2, 3, 4])
        #expect((0..<5).map { Int(read.doubleValue(atElement: $0)) } == [2, 5, 5, 5, 2])
        #expect(source.classNames == ["0", "1", "a", "3", "4", "b"])
        #expect {
            try HDF5Source.open(other.path)
        } throws: { error in
            guard case .folderMismatch(let file, let dataset, let detail) = error as? HDF5Error else { return false }
            return file.hasSuffix("other/batch_1.h5") && dataset == "labels" && detail.contains("c=5")
        }
    }

    /// A negative value keeps its label; its name is left out of the list indexed by value.
    @Test func negativeValuesHaveNoClassName() throws {
        let folder = try FixturePaths.temporaryDirectory("enum-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("neg.h5").path
        try write(members: ["none": -1, "one": 1], base: "i1", values: [-1, 1, 1], to: path)
        let source = try HDF5Source.open(path)
        let read = try #require(source.labels).gatherRows([0, 1, 2])
        #expect((0..<3).map { Int(read.doubleValue(atElement: $0)) } == [-1, 1, 1])
        #expect(source.classNames == ["0", "one"])
        #expect(source.selection.reasons.last?.contains("none (values outside 0…65535) have no class") == true)
    }
}
