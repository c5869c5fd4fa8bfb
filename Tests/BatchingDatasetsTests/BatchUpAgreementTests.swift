import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

@testable import BatchingDatasets

/// Runs BatchUp's own conversion code (installed with Python on the build machine) on the same
/// generated originals and checks that our readers give the same arrays, byte for byte.
@Suite struct BatchUpAgreementTests {
    /// Calls BatchUp's conversion function for `fetch` on `sources`, then saves each numeric array
    /// of group `group` in the converted file as `NAME.npy` in `out`.
    static func convertWithBatchUp(module: String, fetch: String, sources: [String], group: String, out: URL) throws {
        let list = sources.map { "'\($0)'" }.joined(separator: ", ")
        try OriginalFormatWriter.python(
            """
            import contextlib, io, numpy as np, importlib
            mod = importlib.import_module('batchup.datasets.\(module)')
            fetch = getattr(mod, '\(fetch)')
            convert = dict(zip(fetch.__code__.co_freevars, (c.cell_contents for c in fetch.__closure__)))['convert_function']
            with contextlib.redirect_stdout(io.StringIO()):
                convert([\(list)], '\(out.path)/batchup.h5')
            import tables  # BatchUp writes with PyTables (and blosc for STL-10's unlabelled set)
            with tables.open_file('\(out.path)/batchup.h5') as f:
                for node in f.list_nodes('/\(group)'):
                    if isinstance(node, tables.Array) and node.atom.kind in ('int', 'uint', 'float'):
                        np.save('\(out.path)/' + node.name + '.npy', node[:])
            """)
    }

    static func npy(_ folder: URL, _ name: String) throws -> Tensor {
        try NumpyFile.read(folder.appendingPathComponent(name + ".npy").path)
    }

    @Test func mnistMatchesBatchUp() throws {
        let folder = try MNISTReaderTests.makeFolder(train: 7, test: 3)
        let out = try FixturePaths.temporaryDirectory("agree-mnist")
        let files = [
            "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz",
        ]
        try Self.convertWithBatchUp(
            module: "mnist", fetch: "fetch_mnist", sources: files.map { folder.appendingPathComponent($0).path },
            group: "mnist", out: out)
        let ours = try MNISTReader.read(.mnist, folder: folder.path)
        #expect(try Self.npy(out, "train_X_u8") == ours.train.images)
        #expect(try Self.npy(out, "train_y") == ours.train.labels)
        #expect(try Self.npy(out, "test_X_u8") == ours.test.images)
        #expect(try Self.npy(out, "test_y") == ours.test.labels)
    }

    @Test func svhnMatchesBatchUp() throws {
        let folder = try SVHNReaderTests.folder(compressed: true)
        let out = try FixturePaths.temporaryDirectory("agree-svhn")
        try Self.convertWithBatchUp(
            module: "svhn", fetch: "fetch_svhn_train_test",
            sources: ["train_32x32.mat", "test_32x32.mat"].map { folder.appendingPathComponent($0).path },
            group: "svhn", out: out)
        let ours = try SVHNReader.read(folder: folder.path)
        #expect(try Self.npy(out, "train_X_u8") == ours.train.images)
        #expect(try Self.npy(out, "train_y") == ours.train.labels)
        #expect(try Self.npy(out, "test_X_u8") == ours.test.images)
        #expect(try Self.npy(out, "test_y") == ours.test.labels)
    }

    @Test func stl10MatchesBatchUp() throws {
        let tarball = try STLReaderTests.tarball()
        let out = try FixturePaths.temporaryDirectory("agree-stl")
        try Self.convertWithBatchUp(module: "stl", fetch: "fetch_stl", sources: [tarball.path], group: "stl", out: out)
        let ours = try STLReader.read(from: tarball.path, includeUnlabeled: true)
        #expect(try Self.npy(out, "train_X_u8") == ours.train.images)
        #expect(try Self.npy(out, "train_y") == ours.train.labels)
        #expect(try Self.npy(out, "test_X_u8") == ours.test.images)
        #expect(try Self.npy(out, "test_y") == ours.test.labels)
        #expect(try Self.npy(out, "unl_X_u8") == ours.unlabeled?.images)
    }
}
