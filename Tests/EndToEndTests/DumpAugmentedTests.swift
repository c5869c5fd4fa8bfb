import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

/// `batchview dump --preprocess` writes what the model would see beside what was read.
@Suite struct DumpAugmentedTests {
    func dump(_ arguments: [String]) throws -> URL {
        let folder = try FixturePaths.temporaryDirectory("dump-augmented")
        let result = try CommandRunner.run(
            ["dump", FixturePaths.fixture("mnist_small.h5")] + arguments + ["-o", folder.path])
        #expect(result.status == 0, "\(result.standardError)")
        return folder
    }

    func load(_ folder: URL, _ name: String) throws -> Tensor {
        try NumpyFile.read(folder.appendingPathComponent(name).path)
    }

    /// Whether `crop` (h×w) equals the window of `image` (28×28) at some offset, mirrored or not.
    func isWindow(_ crop: [UInt8], size: Int, of image: [UInt8]) -> Bool {
        for top in 0...(28 - size) {
            for left in 0...(28 - size) {
                for mirrored in [false, true] {
                    let matches = (0..<size).allSatisfy { r in
                        (0..<size).allSatisfy { c in
                            crop[r * size + c] == image[(top + r) * 28 + left + (mirrored ? size - 1 - c : c)]
                        }
                    }
                    if matches { return true }
                }
            }
        }
        return false
    }

    @Test func augmentedSamplesAreWindowsOfTheirRawImages() throws {
        let folder = try dump([
            "--shuffle", "--seed", "9", "--batch-size", "6", "--epoch", "1", "--batch", "3",
            "--preprocess", "crop:20,flip:h",
        ])
        let raw = try load(folder, "images.npy")
        let augmented = try load(folder, "augmented.npy")
        #expect(raw.shape == [6, 28, 28])
        #expect(augmented.shape == [6, 20, 20])
        let rawBytes = raw.scalars(as: UInt8.self)
        let cropBytes = augmented.scalars(as: UInt8.self)
        let indices = try #require(try load(folder, "indices.npy").integerScalars())
        for row in 0..<6 {
            // The raw rows are the fixture's: value(i, r, c) = (7i + 3r + c) % 256.
            #expect(rawBytes[row * 784 + 29] == UInt8((7 * indices[row] + 3 + 1) % 256))
            #expect(
                isWindow(
                    Array(cropBytes[(row * 400)..<((row + 1) * 400)]), size: 20,
                    of: Array(rawBytes[(row * 784)..<((row + 1) * 784)])), "row \(row)")
        }
        let again = try dump([
            "--shuffle", "--seed", "9", "--batch-size", "6", "--epoch", "1", "--batch", "3",
            "--preprocess", "crop:20,flip:h",
        ])
        #expect(try load(again, "augmented.npy") == augmented, "the same address replays the same augmentation")
    }

    @Test func withoutAPreprocessorThereIsNoAugmentedFile() throws {
        let folder = try dump(["--indices", "4,2,4"])
        #expect(try load(folder, "indices.npy").integerScalars() == [4, 2, 4])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("augmented.npy").path))
    }

    @Test func aSecondDumpLeavesNoFileOfTheFirst() throws {
        let folder = try dump(["--indices", "1,2", "--preprocess", "crop:20"])
        let again = try CommandRunner.run([
            "dump", FixturePaths.fixture("mnist_small.h5"), "--indices", "3", "-o", folder.path,
        ])
        #expect(again.status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("augmented.npy").path))
        #expect(try load(folder, "images.npy").shape == [1, 28, 28])
        let file = folder.appendingPathComponent("images.npy")
        let refused = try CommandRunner.run([
            "dump", FixturePaths.fixture("mnist_small.h5"), "--indices", "3", "-o", file.path,
        ])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("is a file, not a folder"))
    }

    @Test func aCropLargerThanTheImageIsASentence() throws {
        let folder = try FixturePaths.temporaryDirectory("dump-bad-crop")
        let result = try CommandRunner.run([
            "dump", FixturePaths.fixture("mnist_small.h5"), "--indices", "1",
            "--preprocess", "crop:99", "-o", folder.path,
        ])
        #expect(result.status != 0)
        #expect(result.standardError.contains("does not fit in 28×28 images"))
    }
}
