import Foundation
import TestSupport
import Testing

/// `batchview info`, `dump` and `import npy` run as a user runs them, including every kind of
/// bad input: one sentence on stderr, a non-zero exit, no HDF5 error stack.
@Suite struct HDF5CommandTests {
    @Test func infoSaysWhatWasPickedAndWhy() throws {
        let result = try CommandRunner.run(["info", FixturePaths.fixture("rgb_chunked_gzip.h5")])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("chunks (16, 32, 32, 3)  filters: shuffle, gzip 4 (direct, exact)"))
        #expect(
            result.standardOutput.contains("@class_names = [\"circle\", \"square\", \"triangle\", \"star\", \"ring\"]"))
        #expect(result.standardOutput.contains("images: \"train/images\""))
        #expect(result.standardOutput.contains("layout: NHWC"))
        let reference = try CommandRunner.run([
            "info", FixturePaths.fixture("rgb_chunked_gzip.h5"), "--deflate", "zlib",
        ])
        #expect(reference.status == 0, "\(reference.standardError)")
        #expect(reference.standardOutput.contains("filters: shuffle, gzip 4 (direct, zlib)"))
    }

    @Test func infoJSON() throws {
        let result = try CommandRunner.run(["info", "--json", FixturePaths.fixture("kaggle_dir")])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let picked = try #require(object["picked"] as? [String: Any])
        #expect(picked["images"] as? String == "images" && picked["labels"] as? String == "labels")
        #expect(picked["samples"] as? Int == 190)
        #expect((object["files"] as? [[String: Any]])?.compactMap { $0["samples"] as? Int } == [50, 48, 47, 45])
    }

    @Test(arguments: [
        "bad/not_hdf5.h5", "bad/truncated.h5", "bad/mismatch.h5", "bad/empty.h5", "missing.h5",
    ])
    func badInputIsOneSentence(name: String) throws {
        let path = FixturePaths.fixture(name)
        for arguments in [
            ["info", path], ["dump", path, "--indices", "0", "-o", NSTemporaryDirectory() + "never-written"],
        ] {
            let result = try CommandRunner.run(arguments)
            #expect(result.status != 0)
            let lines = result.standardError.split(separator: "\n")
            #expect(lines.count == 1, "\(result.standardError)")
            #expect(result.standardError.contains(path))
            #expect(!(result.standardError + result.standardOutput).contains("HDF5-DIAG"))
        }
    }

    @Test func dumpWritesNumpyFilesThatMatchTheFormula() throws {
        let folder = try FixturePaths.temporaryDirectory("dump")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run([
            "dump", FixturePaths.fixture("kaggle_dir"), "--indices", "189,3,50,3", "-o", folder.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let (status, output) = try Python.combined(
            """
            import numpy as np, sys
            d = sys.argv[1]
            x, y, i = (np.load(f'{d}/{n}.npy') for n in ('images', 'labels', 'indices'))
            r = np.arange(20)[None, :, None, None]; c = np.arange(20)[None, None, :, None]; ch = np.arange(3)[None, None, None, :]
            print(x.dtype, x.shape, i.tolist(), bool((x == (7 * i[:, None, None, None] + 3 * r + c + 11 * ch) % 256).all()), y.tolist())
            """, [folder.path])
        #expect(status == 0, "\(output)")
        #expect(output == "uint8 (4, 20, 20, 3) [189, 3, 50, 3] True [9, 3, 0, 3]\n")
    }

    @Test func importNpyThenInfo() throws {
        let folder = try FixturePaths.temporaryDirectory("import")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, output) = try Python.combined(
            """
            import numpy as np, sys
            np.save(sys.argv[1] + '/x.npy', (np.arange(5 * 4 * 4 * 3) % 251).astype(np.uint8).reshape(5, 4, 4, 3))
            np.save(sys.argv[1] + '/y.npy', np.array([2, 0, 1, 1, 0], dtype=np.int32))
            """, [folder.path])
        #expect(status == 0, "\(output)")
        let out = folder.appendingPathComponent("out.h5").path
        let imported = try CommandRunner.run([
            "import", "npy", folder.path + "/x.npy", folder.path + "/y.npy", "-o", out,
            "--class-names", "cat,dog,bird",
        ])
        #expect(imported.status == 0, "\(imported.standardError)")
        let (checked, text) = try Python.combined(
            """
            import h5py, numpy as np, sys
            f = h5py.File(sys.argv[1], 'r')
            print(bool((f['images'][:] == (np.arange(240) % 251).reshape(5, 4, 4, 3)).all()), f['labels'][:].tolist(),
                  [s.decode() for s in f.attrs['class_names']], f['images'].compression)
            """, [out])
        #expect(checked == 0, "\(text)")
        #expect(text == "True [2, 0, 1, 1, 0] ['cat', 'dog', 'bird'] gzip\n")
    }

    /// Input that only looks usable is refused where it is given: an array without samples, an
    /// empty entry in --indices, an epoch past --epochs.
    @Test func emptyArraysEmptyIndicesAndEpochsPastTheLastAreRefused() throws {
        let folder = try FixturePaths.temporaryDirectory("import")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, output) = try Python.combined(
            "import numpy as np, sys\nnp.save(sys.argv[1] + '/x0.npy', np.zeros((0, 4, 4), np.uint8))", [folder.path])
        #expect(status == 0, "\(output)")
        let out = folder.appendingPathComponent("never.h5").path
        let empty = try CommandRunner.run(["import", "npy", folder.path + "/x0.npy", "-o", out])
        #expect(empty.status != 0 && empty.standardError.contains("holds no samples (shape [0, 4, 4])"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let fixture = FixturePaths.fixture("mnist_small.h5")
        let gap = try CommandRunner.run(["dump", fixture, "--indices", "1,,2", "-o", folder.path + "/d1"])
        #expect(gap.status != 0 && gap.standardError.contains("--indices \"1,,2\" has an empty entry"))
        let late = try CommandRunner.run(
            ["dump", fixture, "--epoch", "3", "--batch", "0", "--epochs", "2", "-o", folder.path + "/d2"])
        #expect(late.status != 0 && late.standardError.contains("--epoch 3 is past the last epoch of --epochs 2"))
    }
}

/// Names read from a file are printed so that they cannot drive the terminal.
@Suite struct InfoEscapingTests {
    @Test func controlCharactersInNamesArePrintedVisibly() throws {
        let folder = try FixturePaths.temporaryDirectory("info-escape")
        let path = folder.appendingPathComponent("escape.h5").path
        let script = """
            import h5py, numpy as np
            f = h5py.File('\(path)', 'w'); f['im\\x1b[2Jages'] = np.zeros((4, 8, 8), 'u1'); f['labels'] = np.arange(4)
            f.attrs['class_names'] = [b'a\\x1b[31mred', b'b', b'c', b'd']; f.close()
            """
        try #require(try Python.run(script).status == 0)
        let result = try CommandRunner.run(["info", path])
        #expect(result.status == 0)
        #expect(!result.standardOutput.contains("\u{1B}"))
        #expect(result.standardOutput.contains("im\\e[2Jages"))
        #expect(result.standardOutput.contains("a\\e[31mred"))
    }
}
