import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

/// A folder with more batch files than the process may open gets the limit's sentence, not
/// "truncated or damaged".
@Suite struct OpenFileLimitEndToEndTests {
    @Test func aFolderBeyondTheOpenFileLimitNamesTheLimit() throws {
        let folder = try FixturePaths.temporaryDirectory("many-files")
        defer { try? FileManager.default.removeItem(at: folder) }
        for k in 0..<80 {
            let writer = try HDF5Writer(creating: folder.appendingPathComponent("batch_\(k).h5").path)
            try writer.write(Tensor(shape: [2, 4, 4], scalars: [UInt8](repeating: UInt8(k), count: 32)), to: "images")
            try writer.close()
        }
        // `ulimit -n` in the shell lowers both the soft and the hard limit, so batchview cannot raise it.
        let result = try CommandRunner.run(
            [
                "-c", "ulimit -n 40 && exec \"$0\" bench \"$1\" --file-batches",
                CommandRunner.binaryPath, folder.path,
            ], executable: "/bin/sh")
        #expect(result.status != 0)
        let text = result.standardError
        #expect(text.contains("files open at once") && text.contains("ulimit -n"), "stderr: \(text)")
        #expect(!text.contains("damaged"))
    }
}
