import Foundation
import TestSupport
import Testing

/// A new user's compressed file, through the command line: `info` says how each filter decodes,
/// and `dump` returns h5py's bytes: through the direct path for the codecs it decodes, through the
/// library for Bitshuffle.
@Suite struct CompressedFileCommandTests {
    @Test func infoAndDumpOfFilesHdf5pluginWrote() throws {
        let folder = try FixturePaths.temporaryDirectory("compressed-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("compressed.h5").path
        let written = try Python.run(
            """
            import sys, h5py, numpy as np, hdf5plugin as p
            x = (np.arange(40 * 20 * 20 * 3) % 251).astype("u1").reshape(40, 20, 20, 3)
            with h5py.File(sys.argv[1], "w") as f:
                f.create_dataset("images", data=x, chunks=(16, 20, 20, 3), **p.LZ4())
                f.create_dataset("blosc_images", data=x, chunks=(16, 20, 20, 3), **p.Blosc(cname="zstd"))
                f.create_dataset("labels", data=np.arange(40) % 3, chunks=(8,), compression="lzf")
                f.create_dataset("bitshuffled", data=x, chunks=(16, 20, 20, 3), **p.Bitshuffle())
            """, arguments: [path])
        #expect(written.status == 0, "\(written.combinedOutput)")
        let info = try CommandRunner.run(["info", path])
        #expect(info.status == 0, "\(info.standardError)")
        #expect(info.standardOutput.contains("filters: lz4 (direct, liblz4)"), "\(info.standardOutput)")
        #expect(info.standardOutput.contains("filters: blosc (direct, libblosc)"), "\(info.standardOutput)")
        #expect(info.standardOutput.contains("filters: lzf (direct, liblzf)"), "\(info.standardOutput)")
        #expect(info.standardOutput.contains("filters: bitshuffle (plugin)"), "\(info.standardOutput)")
        for images in ["images", "blosc_images", "bitshuffled"] {
            let out = folder.appendingPathComponent("out-\(images)").path
            let readPath = images == "bitshuffled" ? "library" : "direct"
            let dump = try CommandRunner.run([
                "dump", path, "--images", images, "--labels", "labels", "--indices", "5,3,39", "--read-path", readPath,
                "-o", out,
            ])
            #expect(dump.status == 0, "\(dump.standardError)")
            if images == "bitshuffled" {
                // Bitshuffle stays on the plugin: the direct path says so in one sentence.
                let direct = try CommandRunner.run([
                    "dump", path, "--images", images, "--indices", "0", "--read-path", "direct", "-o", out + "-never",
                ])
                #expect(direct.status != 0 && direct.standardError.split(separator: "\n").count == 1)
                #expect(direct.standardError.contains("bitshuffle"), "\(direct.standardError)")
            }
            let (status, output) = try Python.combined(
                """
                import sys, h5py, numpy as np, hdf5plugin
                f = h5py.File(sys.argv[1], "r")
                x, y = np.load(sys.argv[2] + "/images.npy"), np.load(sys.argv[2] + "/labels.npy")
                print(bool((x == f[sys.argv[3]][...][[5, 3, 39]]).all()), y.tolist())
                """, [path, out, images])
            #expect(status == 0 && output == "True [2, 0, 0]\n", "\(output)")
        }
    }
}
