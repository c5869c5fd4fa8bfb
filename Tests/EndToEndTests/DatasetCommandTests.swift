import Foundation
import TestSupport
import Testing

/// `batchview import KIND` and `batchview KIND` run as a user runs them, on original-format files
/// written by Python in the test.
@Suite struct DatasetCommandTests {
    /// MNIST's four gzipped IDX files with 30 training and 5 test samples; pixel = (i + r + c) % 256.
    private func mnistFolder(_ folder: URL) throws {
        let (status, output) = try Python.combined(
            """
            import gzip, struct, sys, numpy as np
            def idx(path, a):
                with gzip.open(path, 'wb') as f:
                    f.write(bytes([0, 0, 8, a.ndim]) + b''.join(struct.pack('>I', d) for d in a.shape) + a.astype(np.uint8).tobytes())
            for prefix, n, first in (('train', 30, 0), ('t10k', 5, 100)):
                i = np.arange(first, first + n)[:, None, None]
                idx(f'{sys.argv[1]}/{prefix}-images-idx3-ubyte.gz', (i + np.arange(28)[None, :, None] + np.arange(28)[None, None, :]) % 256)
                idx(f'{sys.argv[1]}/{prefix}-labels-idx1-ubyte.gz', np.arange(first, first + n) % 10)
            """, [folder.path])
        #expect(status == 0, "\(output)")
    }

    @Test func importMNISTWritesTheInspectorLayout() throws {
        let folder = try FixturePaths.temporaryDirectory("import-mnist")
        defer { try? FileManager.default.removeItem(at: folder) }
        try mnistFolder(folder)
        let out = folder.appendingPathComponent("mnist.h5").path
        let result = try CommandRunner.run([
            "import", "mnist", folder.path, "-o", out, "--split-validation", "--validation", "10",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("train 20, validation 10, test 5 samples"))
        let (checked, text) = try Python.combined(
            """
            import h5py, numpy as np, sys
            f = h5py.File(sys.argv[1], 'r')
            i = np.arange(20, 30)[:, None, None, None]
            v = f['validation/images'][:]
            print(v.shape, v.dtype, bool((v == (i + np.arange(28)[None, None, :, None] + np.arange(28)[None, None, None, :]) % 256).all()),
                  f['validation/labels'][:].tolist(), f['train/labels'].dtype, f['train/images'].compression,
                  [s.decode() for s in f['test'].attrs['class_names']][:3], f.attrs['kind'][0].decode())
            """, [out])
        #expect(checked == 0, "\(text)")
        #expect(text == "(10, 1, 28, 28) uint8 True [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] int32 gzip ['0', '1', '2'] mnist\n")
    }

    @Test func badInputGetsOneSentenceAndNoOutputFile() throws {
        let folder = try FixturePaths.temporaryDirectory("import-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        try mnistFolder(folder)
        let out = folder.appendingPathComponent("out.h5").path
        let cases: [([String], String)] = [
            (["cifar10", folder.path + "/train-images-idx3-ubyte.gz"], "is not a tar archive"),
            (["svhn", folder.path], "train_32x32.mat is missing"),
            (["mnist", folder.path + "/nowhere"], "does not exist"),
        ]
        for (arguments, expected) in cases {
            let result = try CommandRunner.run(["import"] + arguments + ["-o", out, "--no-download"])
            #expect(result.status != 0)
            #expect(result.standardError.contains(expected), "\(result.standardError)")
            #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        // A truncated original: the gzip stream stops half-way.
        let images = folder.appendingPathComponent("train-images-idx3-ubyte.gz")
        let data = try Data(contentsOf: images)
        try data.prefix(data.count / 2).write(to: images)
        let truncated = try CommandRunner.run(["import", "mnist", folder.path, "-o", out])
        #expect(truncated.status != 0)
        #expect(truncated.standardError.contains("is truncated"), "\(truncated.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasSuffix(".part") })
    }

    @Test func kindCommandOpensTheDatasetFromTheDataDirectory() throws {
        let home = try FixturePaths.temporaryDirectory("data-home")
        defer { try? FileManager.default.removeItem(at: home) }
        let originals = home.appendingPathComponent("data/mnist")
        try FileManager.default.createDirectory(at: originals, withIntermediateDirectories: true)
        try mnistFolder(originals)
        let result = try CommandRunner.run(["mnist", "--batch-size", "4"], environment: ["BATCHVIEW_HOME": home.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("mnist.h5"))
        #expect(result.standardOutput.contains("epoch 0  batch 0 of 8")) // 30 training samples, 4 a batch
        #expect(FileManager.default.fileExists(atPath: originals.appendingPathComponent("mnist.h5").path))
    }
}
