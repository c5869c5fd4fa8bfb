import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

/// `dump`, `bench` and `frame` with a python stage, and `--check-replay`.
@Suite struct PythonPreprocessCommandTests {
    let fixture = FixturePaths.fixture("mnist_small.h5")

    /// A folder holding `aug.py` with a replayable `jitter`, and `noisy`, which reads os.urandom.
    func module() throws -> URL {
        let folder = try FixturePaths.temporaryDirectory("python-command")
        try """
        import os
        import numpy as np
        def jitter(images, labels, rng):
            print("jitter sees", images.shape)
            return (images.astype(np.int16) + rng.integers(-20, 21, size=images.shape)).clip(0, 255).astype(np.uint8)
        def noisy(images, labels, rng):
            return images ^ np.frombuffer(os.urandom(images.size), np.uint8).reshape(images.shape)
        """.write(to: folder.appendingPathComponent("aug.py"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func dumpWritesWhatTheFunctionMadeOfTheBatch() throws {
        let folder = try module()
        var outputs = [String]()
        for workers in ["0", "2"] {
            let out = folder.appendingPathComponent("out\(workers)").path
            let result = try CommandRunner.run(
                [
                    "dump", fixture, "--shuffle", "--batch-size", "8", "--epoch", "1", "--batch", "2",
                    "--workers", workers, "--preprocess", "crop:20,python:aug.py:jitter", "-o", out,
                ], currentDirectory: folder)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(!result.standardOutput.contains("jitter sees") && !result.standardError.contains("jitter sees"))
            outputs.append(out)
        }
        let first = try NumpyFile.read(outputs[0] + "/augmented.npy")
        #expect(first.shape == [8, 20, 20])
        #expect(first == (try NumpyFile.read(outputs[1] + "/augmented.npy")))
        // Each augmented sample is within ±20 of a 20×20 window of its raw image (the crop), per pixel.
        let check = try Python.run(
            """
            import numpy as np, sys
            raw = np.load(sys.argv[1] + '/images.npy').astype(int)
            aug = np.load(sys.argv[1] + '/augmented.npy').astype(int)
            ok = all(any(np.abs(raw[i, t:t + 20, l:l + 20] - aug[i]).max() <= 20 for t in range(9) for l in range(9))
                     for i in range(8))
            print(ok)
            """, arguments: [outputs[0]])
        #expect(
            check.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "True", "\(check.combinedOutput)")
    }

    @Test func checkReplayPassesAReplayableFunctionAndFailsOneThatIsNot() throws {
        let folder = try module()
        let dump = { (name: String) in
            try CommandRunner.run(
                [
                    "dump", self.fixture, "--batch-size", "8", "--epoch", "0", "--batch", "3", "--check-replay",
                    "--preprocess", "python:aug.py:\(name)", "-o", folder.appendingPathComponent(name).path,
                ], currentDirectory: folder)
        }
        let good = try dump("jitter")
        #expect(good.status == 0, "\(good.standardError)")
        let bad = try dump("noisy")
        #expect(bad.status != 0)
        #expect(
            bad.standardError.contains(
                "python:aug.py:noisy is not replayable: at epoch 0, batch 3 8 of 8 samples differ between two runs on different workers"
            ), "\(bad.standardError)")
        let bench = try CommandRunner.run(
            [
                "bench", fixture, "--batch-size", "100", "--check-replay", "--workers", "2", "--preprocess",
                "python:aug.py:jitter",
            ], currentDirectory: folder)
        #expect(bench.status == 0, "\(bench.standardError)")
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(bench.standardOutput.utf8)) as? [String: Any])
        let python = try #require(record["python"] as? [String: Any])
        #expect(python["calls"] as? Int == 10) // 5 batches, each computed twice
        #expect(record["check_replay"] as? Bool == true)
        let benchBad = try CommandRunner.run(
            ["bench", fixture, "--check-replay", "--preprocess", "python:aug.py:noisy"], currentDirectory: folder)
        #expect(benchBad.status != 0)
        #expect(benchBad.standardError.contains("is not replayable"), "\(benchBad.standardError)")
    }

    @Test func theInspectorShowsAFailedCallAndKeepsStepping() throws {
        let folder = try FixturePaths.temporaryDirectory("python-inspector")
        try """
        def f(images, labels, rng):
            print("user output line")
            if int(labels[0]) == 2:
                raise ValueError("label two")
            return images
        """.write(to: folder.appendingPathComponent("fails.py"), atomically: true, encoding: .utf8)
        let frame = { (keys: String) in
            try CommandRunner.run(
                [
                    "frame", self.fixture, "--size", "110x30", "--batch-size", "1", "--color", "none", "--keys", keys,
                    "--preprocess", "python:fails.py:f",
                ], currentDirectory: folder)
        }
        // mnist_small's labels are i % 10, so batch 2 (sample 2) fails and batch 3 does not.
        let failed = try frame("n n")
        #expect(failed.status == 0, "\(failed.standardError)")
        // The raw batch under a banner; the whole sentence on the status line.
        #expect(
            failed.standardOutput.contains("augmentation failed, raw samples shown: python:fails.py:f failed"),
            "\(failed.standardOutput)")
        #expect(failed.standardOutput.contains("▸2 2"), "\(failed.standardOutput)")
        let words = failed.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            words.contains(
                "python:fails.py:f failed at epoch 0, batch 2: f raised ValueError: label two (fails.py, line 4:"),
            "\(words)")
        let next = try frame("n n n")
        #expect(next.status == 0)
        #expect(next.standardOutput.contains("epoch 0  batch 3 of 500  samples 3…3"), "\(next.standardOutput)")
        #expect(!next.standardOutput.contains("user output line") && !next.standardError.contains("user output line"))
        #expect(next.standardOutput.contains("─3 Preprocessor") && next.standardOutput.contains("python:fails.py:f"))
    }

    @Test func aBadFunctionStopsEveryCommandBeforeItStarts() throws {
        let folder = try module()
        for command in [
            ["frame", fixture, "--size", "80x24"], ["bench", fixture], ["dump", fixture, "--batch", "0", "-o", "x"],
        ] {
            let result = try CommandRunner.run(
                command + ["--preprocess", "python:aug.py:missing"], currentDirectory: folder)
            #expect(result.status != 0, "\(command)")
            #expect(result.standardOutput.isEmpty, "\(command): \(result.standardOutput)")
            #expect(result.standardError.contains("python:aug.py:missing cannot start: aug.py has no missing"))
        }
        let noPython = try CommandRunner.run(
            ["frame", fixture, "--preprocess", "python:aug.py:jitter", "--python", "/no/such/python"],
            currentDirectory: folder)
        #expect(noPython.status != 0)
        #expect(noPython.standardError.contains("cannot start the Python interpreter '/no/such/python'"))
        let fromEnvironment = try CommandRunner.run(
            ["dump", fixture, "--batch", "0", "-o", "x", "--preprocess", "python:aug.py:jitter"],
            environment: ["BATCHVIEW_PYTHON": "/no/env/python"], currentDirectory: folder)
        #expect(fromEnvironment.status != 0)
        #expect(fromEnvironment.standardError.contains("cannot start the Python interpreter '/no/env/python'"))
    }
}
