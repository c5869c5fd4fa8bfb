import Foundation
import TestSupport
import Testing

/// `batchview info` on a file it cannot iterate: the tree still on stdout (text, or JSON without
/// "picked"), the reason once, on stderr, exit 1; on a path it cannot open, nothing on stdout.
@Suite struct InfoErrorOutputTests {
    /// A file whose `images` is an external link to a missing file, beside readable `labels`,
    /// and one whose images are text strings.
    private func badFiles(in folder: URL) throws -> (link: String, half: String) {
        let link = folder.appendingPathComponent("link.h5").path
        let half = folder.appendingPathComponent("half.h5").path
        let result = try Python.run(
            """
            import h5py, numpy as np, sys
            with h5py.File(sys.argv[1], 'w') as f:
                f['images'] = h5py.ExternalLink('nowhere.h5', '/x')
                f['labels'] = np.arange(5)
            with h5py.File(sys.argv[2], 'w') as f:
                f['images'] = np.full((5, 4, 4), b'ab')
                f['labels'] = np.arange(5)
            """, arguments: [link, half])
        try #require(result.status == 0, "\(result.combinedOutput)")
        return (link, half)
    }

    @Test func theReasonIsPrintedOnceOnStderr() throws {
        let folder = try FixturePaths.temporaryDirectory("info-errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (link, half) = try badFiles(in: folder)
        let cases: [(String, [String])] = [
            (link, ["external link", "nowhere.h5", "\"/x\"", "missing"]),
            (half, ["text strings", "cannot be read as numbers"]),
            (FixturePaths.fixture("bad/mismatch.h5"), ["100", "90"]),
        ]
        for (path, words) in cases {
            let result = try CommandRunner.run(["info", path])
            #expect(result.status == 1)
            let lines = result.standardError.split(separator: "\n")
            #expect(lines.count == 1, "\(result.standardError)")
            for word in words { #expect(result.standardError.contains(word), "\(word) in \(result.standardError)") }
            // The rest of the file is still described, and the sentence is not repeated there.
            #expect(
                result.standardOutput.contains("labels  <i8 (") || path.hasSuffix("mismatch.h5"),
                "\(result.standardOutput)")
            #expect(result.standardOutput.contains("images"))
            let sentence = String(lines.first ?? "").replacingOccurrences(of: "Error: ", with: "")
            #expect(!result.standardOutput.contains(sentence), "\(result.standardOutput)")
        }
        let described = try CommandRunner.run(["info", link])
        #expect(described.standardOutput.contains("images  -> nowhere.h5:/x  (external link: nowhere.h5 is missing)"))
    }

    @Test func jsonDescribesTheFileWithoutPickedOrTheSentence() throws {
        let folder = try FixturePaths.temporaryDirectory("info-errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (link, _) = try badFiles(in: folder)
        let result = try CommandRunner.run(["info", "--json", link])
        #expect(result.status == 1)
        #expect(result.standardError.split(separator: "\n").count == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["picked"] == nil && object["problem"] == nil)
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        let images = try #require(nodes.first { $0["path"] as? String == "/images" })
        #expect(images["kind"] as? String == "external link" && images["note"] as? String == "nowhere.h5 is missing")
        #expect(nodes.contains { $0["path"] as? String == "/labels" && $0["dtype"] as? String == "<i8" })
    }

    @Test(arguments: [["info"], ["info", "--json"]])
    func aPathThatCannotBeOpenedPrintsNothingOnStdout(arguments: [String]) throws {
        for name in ["bad/not_hdf5.h5", "bad/truncated.h5", "missing.h5"] {
            let result = try CommandRunner.run(arguments + [FixturePaths.fixture(name)])
            #expect(result.status == 1)
            #expect(result.standardOutput.isEmpty, "\(result.standardOutput)")
            #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        }
    }
}
