import Foundation
import TestSupport
import Testing

/// `import npy --class-names`: at least one name per class (largest label + 1, or one-hot
/// columns); more names are allowed, fewer are refused with both numbers and nothing written.
@Suite struct ImportClassNamesTests {
    /// `x.npy` (6 images) and labels `y.npy` = [0, 1, 2, 0, 1, 2] and one-hot `hot.npy` (4 columns).
    private func arrays(in folder: URL) throws {
        let result = try Python.run(
            """
            import numpy as np, sys
            np.save(sys.argv[1] + '/x.npy', np.zeros((6, 4, 4), np.uint8))
            np.save(sys.argv[1] + '/y.npy', np.array([0, 1, 2, 0, 1, 2], np.int32))
            np.save(sys.argv[1] + '/hot.npy', np.eye(4, dtype=np.uint8)[[0, 1, 2, 3, 0, 1]])
            """, arguments: [folder.path])
        try #require(result.status == 0, "\(result.combinedOutput)")
    }

    private func storedNames(_ path: String) throws -> String {
        let (status, output) = try Python.combined(
            """
            import h5py, sys
            print(','.join(s.decode() for s in h5py.File(sys.argv[1], 'r').attrs['class_names']))
            """, [path])
        #expect(status == 0, "\(output)")
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func fewerNamesThanClassesIsRefused() throws {
        let folder = try FixturePaths.temporaryDirectory("class-names")
        defer { try? FileManager.default.removeItem(at: folder) }
        try arrays(in: folder)
        let out = folder.appendingPathComponent("out.h5").path
        for (labels, names, classes) in [("y.npy", "a,b", 3), ("hot.npy", "a,b,c", 4)] {
            let result = try CommandRunner.run([
                "import", "npy", folder.path + "/x.npy", folder.path + "/" + labels, "-o", out,
                "--class-names", names,
            ])
            #expect(result.status != 0)
            #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
            let given = names.split(separator: ",").count
            #expect(
                result.standardError.contains("gives \(given) names") && result.standardError.contains("\(classes)"))
            #expect(result.standardError.contains(labels) && !result.standardError.contains("Usage:"))
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func asManyOrMoreNamesAreStored() throws {
        let folder = try FixturePaths.temporaryDirectory("class-names")
        defer { try? FileManager.default.removeItem(at: folder) }
        try arrays(in: folder)
        for names in ["a,b,c", "a,b,c,rare"] {
            let out = folder.appendingPathComponent("out-\(names.count).h5").path
            let result = try CommandRunner.run([
                "import", "npy", folder.path + "/x.npy", folder.path + "/y.npy", "-o", out,
                "--class-names", names,
            ])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(try storedNames(out) == names)
        }
    }

    @Test func anEmptyNameIsRefused() throws {
        let folder = try FixturePaths.temporaryDirectory("class-names")
        defer { try? FileManager.default.removeItem(at: folder) }
        try arrays(in: folder)
        let out = folder.appendingPathComponent("out.h5").path
        let result = try CommandRunner.run([
            "import", "npy", folder.path + "/x.npy", folder.path + "/y.npy", "-o", out,
            "--class-names", "a,,b,c",
        ])
        #expect(result.status != 0 && result.standardError.contains("empty name at position 2"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
