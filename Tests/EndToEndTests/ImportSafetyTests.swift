import Foundation
import TestSupport
import Testing

/// `batchview import` never destroys what it reads, and leaves nothing half-written.
@Suite struct ImportSafetyTests {
    /// A small NumPy array written by NumPy itself.
    func numpyArray(in folder: URL) throws -> URL {
        let path = folder.appendingPathComponent("x.npy")
        let script = "import numpy as np; np.save('\(path.path)', np.arange(30*8*8, dtype=np.uint8).reshape(30,8,8))"
        #expect(try Python.run(script).status == 0)
        return path
    }

    @Test func refusesToWriteOverItsInput() throws {
        let folder = try FixturePaths.temporaryDirectory("import-safety")
        let input = try numpyArray(in: folder)
        let before = try Data(contentsOf: input)
        let result = try CommandRunner.run(["import", "npy", input.path, "-o", input.path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("is the input"), "\(result.standardError)")
        #expect(try Data(contentsOf: input) == before, "the input is unchanged")
        // A hard link to the input is the same file too.
        let link = folder.appendingPathComponent("link.h5")
        try FileManager.default.linkItem(at: input, to: link)
        #expect(try CommandRunner.run(["import", "npy", input.path, "-o", link.path]).status != 0)
        #expect(try Data(contentsOf: input) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".part")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func aFailedImportLeavesTheOldOutputAlone() throws {
        let folder = try FixturePaths.temporaryDirectory("import-keep")
        let input = try numpyArray(in: folder)
        let output = folder.appendingPathComponent("out.h5")
        #expect(try CommandRunner.run(["import", "npy", input.path, "-o", output.path]).status == 0)
        let written = try Data(contentsOf: output)
        let labels = folder.appendingPathComponent("missing.npy")
        #expect(try CommandRunner.run(["import", "npy", input.path, labels.path, "-o", output.path]).status != 0)
        #expect(try Data(contentsOf: output) == written)
    }
}
