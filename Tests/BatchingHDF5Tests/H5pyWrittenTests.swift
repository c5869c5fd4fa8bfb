import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// Files h5py writes at test time with what the shared fixtures lack: variable-length strings,
/// big-endian data, bools, one-hot labels, soft and external links.
struct H5pyWrittenTests {
    @Test func variableLengthStringsBigEndianBoolsAndLinks() throws {
        let folder = try FixturePaths.temporaryDirectory("h5py")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("odd.h5").path
        let result = try Python.run(
            """
            import h5py, numpy as np, sys
            with h5py.File(sys.argv[1], 'w') as f:
                g = f.create_group('data/split')
                g.create_dataset('features', data=(np.arange(6 * 4 * 4) / 7).reshape(6, 4, 4).astype('>f8'))
                g.create_dataset('targets', data=np.eye(3, dtype='>i2')[[0, 2, 1, 1, 0, 2]])
                g.create_dataset('mask', data=np.array([True, False, True, True, False, False]))
                f.create_dataset('class_names', data=['süß', 'b', 'longer name'], dtype=h5py.string_dtype())
                g.attrs['note'] = 'variable-length text'
                g.attrs['sizes'] = np.array([1, 2, 3], dtype='>u4')
                f['alias'] = h5py.SoftLink('/data/split/features')
                f['elsewhere'] = h5py.ExternalLink('other.h5', '/x')
            """, arguments: [path])
        #expect(result.status == 0, "\(result.standardError)")

        let file = try HDF5File(path: path)
        let group = try #require(file.root.group(at: "data/split"))
        #expect(group.attributes.first { $0.name == "note" }?.value == .strings(["variable-length text"]))
        #expect(group.attributes.first { $0.name == "sizes" }?.value == .numbers([1, 2, 3]))
        let features = try #require(file.root.dataset(at: "data/split/features"))
        #expect(features.elementType == .numeric(.float64, .big))
        #expect(file.root.dataset(at: "class_names")?.elementType == .string(length: nil))
        #expect(file.root.children.contains(.softLink(path: "alias", target: "/data/split/features")))
        #expect(file.root.children.contains(.externalLink(path: "elsewhere", file: "other.h5", object: "/x")))

        let expected = (0..<96).map { Double($0) / 7 }
        for readPath in FixtureFormula.readPaths {
            let column = try HDF5Column(file: file, dataset: "alias", readPath: readPath)
            #expect(try column.readAll().scalars(Double.self) == expected)
            #expect(try column.gatherRows([5, 0]).scalars(Double.self) == Array(expected[80..<96] + expected[0..<16]))
        }
        let mask = try HDF5Column(file: file, dataset: "data/split/mask")
        let flags = try mask.readAll().scalars(Bool.self)
        #expect(mask.dtype == .bool && flags == [true, false, true, true, false, false])

        let pick = try DatasetSelection.pick(in: file)
        #expect(pick.images == "data/split/features" && pick.labels == "data/split/targets")
        #expect(pick.classNames == ["süß", "b", "longer name"] && pick.classNamesSource == "class_names")
        let onehot = try HDF5Column(file: file, dataset: "data/split/targets").readAll()
        #expect(onehot.dtype == .int16 && onehot.shape == [6, 3] && onehot.scalars(Int16.self)[3...5] == [0, 0, 1])
    }

    @Test func hardLinkCyclesDoNotHang() throws {
        let folder = try FixturePaths.temporaryDirectory("h5py")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cycle.h5").path
        let result = try Python.run(
            """
            import h5py, numpy as np, sys
            with h5py.File(sys.argv[1], 'w') as f:
                g = f.create_group('a/b')
                g.create_dataset('x', data=np.zeros((3, 2, 2), dtype='u1'))
                g['up'] = f['a']
            """, arguments: [path])
        #expect(result.status == 0, "\(result.standardError)")
        let file = try HDF5File(path: path)
        #expect(file.datasetPaths == ["a/b/x"])
        #expect(
            file.root.group(at: "a/b")?.children.contains(
                .other(path: "a/b/up", kind: "a second link to a group listed elsewhere")) == true)
    }
}
