import Batching
import BatchingPython
import Foundation
import TestSupport
import Testing

/// The call: what the user's function receives, what it may return, and the documented seeding.
@Suite struct PythonStageCallTests {
    @Test func theFunctionSeesTheBatchAsReadAndItsResultComesBack() throws {
        let path = try PythonTestModule.write(
            """
            import numpy as np
            def describe(images, labels, rng):
                assert images.dtype == np.uint8 and images.shape == (4, 3, 4), (images.dtype, images.shape)
                assert labels.tolist() == [0, 1, 2, 3]
                out = (images[:, 1:, ::-1].astype(np.float32) / 255)
                return out, labels * 10
            """)
        let input = PythonTestModule.slice()
        let output = try PythonTestModule.stage(path, "describe").allSlices(of: input)[0]
        #expect(output.images.dtype == .float32)
        #expect(output.images.shape == [4, 2, 4])
        let floats = try output.images.scalars(as: Float.self)
        // Row i, r' = r - 1, c' = 3 - c of the input formula (i*31 + r*4 + c) % 256.
        for i in 0..<4 {
            for r in 0..<2 {
                for c in 0..<4 {
                    let raw = (i * 31 + (r + 1) * 4 + (3 - c)) % 256
                    #expect(floats[i * 8 + r * 4 + c] == Float(raw) / 255)
                }
            }
        }
        #expect(output.labels?.integerScalars() == [0, 10, 20, 30])
    }

    @Test func labelsStayWhenOnlyImagesAreReturned() throws {
        let path = try PythonTestModule.write("def same(images, labels, rng):\n    return images\n")
        let input = PythonTestModule.slice()
        let output = try PythonTestModule.stage(path, "same").allSlices(of: input)[0]
        #expect(PythonTestModule.bytes(output.images) == PythonTestModule.bytes(input.images))
        #expect(output.labels?.integerScalars() == [0, 1, 2, 3])
    }

    @Test func anInPlaceEditReturnedAsTheInputArrayComesBack() throws {
        // The worker does not copy a result that is its input array; the edit must still arrive.
        let path = try PythonTestModule.write(
            "def mark(images, labels, rng):\n    images[:, 0, 0] = 255\n    labels += 5\n    return images, labels\n")
        let input = PythonTestModule.slice()
        let output = try PythonTestModule.stage(path, "mark").allSlices(of: input)[0]
        var expected = PythonTestModule.bytes(input.images)
        for row in 0..<4 { expected[row * 12] = 255 }
        #expect(PythonTestModule.bytes(output.images) == expected)
        #expect(output.labels?.integerScalars() == [5, 6, 7, 8])
        #expect(PythonTestModule.bytes(input.images)[12] == 31) // the caller's batch is untouched
    }

    @Test func rngIsTheDocumentedGeneratorOfTheAddress() throws {
        let path = try PythonTestModule.write(
            """
            import numpy as np
            def draw(images, labels, rng):
                return rng.integers(0, 256, size=images.shape, dtype=np.uint8)
            """)
        let stage = try PythonTestModule.stage(path, "draw")
        let output = try stage.allSlices(of: PythonTestModule.slice(epoch: 2, batch: 7, seed: 99))[0]
        // docs/python.md: Philox seeded by SeedSequence([seed, stream, epoch, batch, slice]).spawn(2)[0].
        let expected = try Python.run(
            """
            import numpy as np, sys
            child = np.random.SeedSequence([99, 0, 2, 7, 0]).spawn(2)[0]
            rng = np.random.Generator(np.random.Philox(child))
            sys.stdout.write(rng.integers(0, 256, size=(4, 3, 4), dtype=np.uint8).tobytes().hex())
            """)
        #expect(
            PythonTestModule.bytes(output.images).map { String(format: "%02x", $0) }.joined() == expected.standardOutput
        )
    }

    @Test func perSampleFormCallsOncePerSampleWithItsOwnKey() throws {
        let path = try PythonTestModule.write(
            """
            import numpy as np
            def per(image, label, rng):
                assert image.shape == (3, 4)
                return image[:2] + rng.integers(0, 2, size=(2, 4)).astype(np.uint8), label + 1
            """)
        let output = try PythonTestModule.stage(path, "per", perSample: true).allSlices(of: PythonTestModule.slice())[0]
        #expect(output.images.shape == [4, 2, 4])
        #expect(output.labels?.integerScalars() == [1, 2, 3, 4])
        let expected = try Python.run(
            """
            import numpy as np, sys
            out = []
            for i in range(4):
                image = np.array([(i * 31 + k) % 256 for k in range(12)], np.uint8).reshape(3, 4)
                rng = np.random.Generator(np.random.Philox(np.random.SeedSequence([5, 0, 0, 0, 0, i]).spawn(2)[0]))
                out.append(image[:2] + rng.integers(0, 2, size=(2, 4)).astype(np.uint8))
            sys.stdout.write(np.stack(out).tobytes().hex())
            """)
        #expect(
            PythonTestModule.bytes(output.images).map { String(format: "%02x", $0) }.joined() == expected.standardOutput
        )
    }

    @Test func aStageOfAChainGetsTheEarlierStagesOutput() throws {
        let path = try PythonTestModule.write(
            "def shape(images, labels, rng):\n    assert images.shape == (4, 2, 2), images.shape\n    return images\n")
        let chain = try PreprocessSpec("crop:2,python:\(path):shape").makePreprocessor(
            external: PythonStageBuilder())
        #expect(chain is PreprocessorChain)
        #expect(try chain.allSlices(of: PythonTestModule.slice())[0].images.shape == [4, 2, 2])
    }

    @Test func whatTheFunctionPrintsNeitherBreaksTheChannelNorIsLost() throws {
        let path = try PythonTestModule.write(
            """
            import sys, os
            def noisy(images, labels, rng):
                print("x" * 100000)
                sys.stderr.write("to stderr\\n")
                os.write(1, b"straight to fd 1\\n")
                if images[0, 0, 0] == 0 and labels is not None and labels[0] == 0 and images.shape[0] == 3:
                    raise RuntimeError("three samples")
                return images
            """)
        let stage = try PythonTestModule.stage(path, "noisy")
        let input = PythonTestModule.slice()
        #expect(
            try PythonTestModule.bytes(stage.allSlices(of: input)[0].images) == PythonTestModule.bytes(input.images))
        let message = PythonTestModule.message { _ = try stage.allSlices(of: PythonTestModule.slice(count: 3)) }
        #expect(message.contains("RuntimeError: three samples"), "\(message)")
        #expect(message.contains("straight to fd 1") && message.contains("to stderr"), "\(message)")
    }

    @Test func nanInTheResultIsAResultNotAnError() throws {
        let path = try PythonTestModule.write(
            "import numpy as np\ndef nan(images, labels, rng):\n    return np.full(images.shape, np.nan, np.float32)\n")
        let output = try PythonTestModule.stage(path, "nan").allSlices(of: PythonTestModule.slice())[0]
        #expect(try output.images.scalars(as: Float.self).allSatisfy { $0.isNaN })
    }

    @Test func aPackageModuleIsImportedByDottedName() throws {
        let folder = try FixturePaths.temporaryDirectory("python-package")
        let package = folder.appendingPathComponent("mypkg")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        try "".write(to: package.appendingPathComponent("__init__.py"), atomically: true, encoding: .utf8)
        try "def twice(images, labels, rng):\n    return images * 2\n".write(
            to: package.appendingPathComponent("ops.py"), atomically: true, encoding: .utf8)
        // The worker imports from its working folder, as `python -c` does, and from PYTHONPATH.
        setenv("PYTHONPATH", folder.path, 1)
        defer { unsetenv("PYTHONPATH") }
        let stage = try PreprocessSpec("python:mypkg.ops:twice").makePreprocessor(external: PythonStageBuilder())
        let output = try stage.allSlices(of: PythonTestModule.slice())[0]
        #expect(
            PythonTestModule.bytes(output.images)
                == PythonTestModule.bytes(PythonTestModule.slice().images).map { $0 &* 2 })
    }
}
