import Foundation
import TestSupport
import Testing

/// docs/python.md's albumentations example, run word for word: it replays, and without its
/// seeding line (albumentations 2 keeps generators of its own) the replay check catches it.
@Suite struct PythonAlbumentationsDocTests {
    /// The ```python block of docs/python.md whose first line is `# aug_albumentations.py`.
    func documentedExample() throws -> String {
        let text = try String(
            contentsOf: FixturePaths.packageRoot.appendingPathComponent("docs/python.md"), encoding: .utf8)
        let start = try #require(text.range(of: "```python\n# aug_albumentations.py\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        return String(text[start.upperBound..<end.lowerBound]) + "\n"
    }

    func dump(_ source: String, in folder: URL) throws -> CommandRunner.Result {
        try source.write(to: folder.appendingPathComponent("aug_albumentations.py"), atomically: true, encoding: .utf8)
        return try CommandRunner.run(
            [
                "dump", FixturePaths.fixture("kaggle_dir"), "--file-batches", "--epoch", "0", "--batch", "1",
                "--check-replay", "--preprocess", "python-sample:aug_albumentations.py:augment", "-o", "out",
            ], currentDirectory: folder)
    }

    @Test func theDocumentedComposeReplaysAndTheUnseededOneDoesNot() throws {
        let example = try documentedExample()
        let folder = try FixturePaths.temporaryDirectory("albumentations")
        let seeded = try dump(example, in: folder)
        #expect(seeded.status == 0, "\(seeded.standardError)")
        let check = try Python.run(
            """
            import numpy as np, sys
            raw, aug = np.load(sys.argv[1] + '/images.npy'), np.load(sys.argv[1] + '/augmented.npy')
            print(raw.shape == aug.shape == (48, 20, 20, 3), aug.dtype, bool((raw != aug).any()))
            """, arguments: [folder.appendingPathComponent("out").path])
        #expect(check.standardOutput == "True uint8 True\n", "\(check.combinedOutput)")
        let seedingLine = "    transform.set_random_seed(int(rng.integers(2**31)))\n"
        #expect(example.contains(seedingLine))
        let unseeded = try dump(example.replacingOccurrences(of: seedingLine, with: ""), in: folder)
        #expect(unseeded.status != 0)
        #expect(unseeded.standardError.contains("augment is not replayable"), "\(unseeded.standardError)")
    }
}
