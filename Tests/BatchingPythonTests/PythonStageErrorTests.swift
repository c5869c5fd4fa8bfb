import Batching
import BatchingPython
import Foundation
import TestSupport
import Testing

/// Hostile user code: each problem is one sentence, at start-up or at the call.
@Suite struct PythonStageErrorTests {
    func startupMessage(_ source: String?, name: String = "f", builder: PythonStageBuilder = PythonStageBuilder())
        -> String
    {
        PythonTestModule.message {
            let path = try source.map { try PythonTestModule.write($0) } ?? "/nonexistent/aug.py"
            _ = try PythonTestModule.stage(path, name, builder: builder)
        }
    }

    func callMessage(_ source: String, count: Int = 4, builder: PythonStageBuilder = PythonStageBuilder()) throws
        -> String
    {
        let stage = try PythonTestModule.stage(try PythonTestModule.write(source), "f", builder: builder)
        return PythonTestModule.message { _ = try stage.allSlices(of: PythonTestModule.slice(count: count, batch: 3)) }
    }

    @Test func startupProblemsAreSentences() throws {
        let missing = startupMessage(nil)
        #expect(missing.contains("cannot start: there is no file /nonexistent/aug.py"), "\(missing)")
        let syntax = startupMessage("def f(images, labels, rng)\n    return images\n")
        #expect(syntax.contains("cannot be imported: SyntaxError") && syntax.contains("line 1"), "\(syntax)")
        let importing = startupMessage("import no_such_module_here\n")
        #expect(
            importing.contains("No module named 'no_such_module_here'") && importing.contains("line 1"), "\(importing)")
        let absent = startupMessage("def g(images, labels, rng):\n    return images\n")
        #expect(absent.hasSuffix("aug.py has no f"), "\(absent)")
        let notCallable = startupMessage("f = 3\n")
        #expect(notCallable.hasSuffix("aug.py:f is a int, not a function"), "\(notCallable)")
        let noInterpreter = startupMessage(
            "def f(i, l, r): return i\n", builder: PythonStageBuilder(interpreter: "/no/python3"))
        #expect(noInterpreter.contains("cannot start the Python interpreter '/no/python3'"), "\(noInterpreter)")
        // A path is not looked up on PATH, so the message says the file is missing.
        #expect(noInterpreter.hasSuffix("there is no such file"), "\(noInterpreter)")
        let notOnPath = startupMessage(
            "def f(i, l, r): return i\n", builder: PythonStageBuilder(interpreter: "no-such-python-here"))
        #expect(notOnPath.contains("it is not on PATH"), "\(notOnPath)")
    }

    @Test func numpyMissingIsNamed() throws {
        // An interpreter without site-packages, where NumPy is installed.
        let folder = try FixturePaths.temporaryDirectory("python-nonumpy")
        let wrapper = folder.appendingPathComponent("python-without-numpy").path
        try "#!/bin/sh\nexec python3 -S \"$@\"\n".write(toFile: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper, 0o755)
        let message = startupMessage("def f(i, l, r): return i\n", builder: PythonStageBuilder(interpreter: wrapper))
        #expect(message.contains("NumPy is not installed for"), "\(message)")
    }

    @Test func anExceptionNamesItsTypeMessageAndLine() throws {
        let message = try callMessage(
            "import numpy as np\ndef f(images, labels, rng):\n    x = 1\n    raise ValueError('too dark')\n")
        #expect(
            message.hasSuffix(
                "failed at epoch 0, batch 3: f raised ValueError: too dark (aug.py, line 4: raise ValueError('too dark'))"
            ),
            "\(message)")
    }

    @Test func junkResultsAreRefused() throws {
        let list = try callMessage("def f(images, labels, rng):\n    return images.tolist()\n")
        #expect(list.hasSuffix("f returned images as a list, not a NumPy array"), "\(list)")
        let count = try callMessage("def f(images, labels, rng):\n    return images[:2]\n")
        #expect(count.hasSuffix("f returned images with 2 samples for a batch of 4"), "\(count)")
        let objects = try callMessage(
            "import numpy as np\ndef f(images, labels, rng):\n    return np.array([None] * 4)\n")
        #expect(objects.contains("f returned images of dtype object, which batchview cannot hold"), "\(objects)")
        let strings = try callMessage(
            "import numpy as np\ndef f(images, labels, rng):\n    return np.array(['a'] * 4)\n")
        #expect(strings.contains("f returned images of dtype <U1, which batchview cannot hold"), "\(strings)")
        let labels = try callMessage("def f(images, labels, rng):\n    return images, labels[:1]\n")
        #expect(labels.hasSuffix("f returned labels with 1 samples for a batch of 4"), "\(labels)")
        let ragged = try PythonTestModule.stage(
            try PythonTestModule.write("def f(image, label, rng):\n    return image[: 1 + int(label) % 2]\n"), "f",
            perSample: true)
        let raggedMessage = PythonTestModule.message { _ = try ragged.allSlices(of: PythonTestModule.slice()) }
        #expect(
            raggedMessage.contains(
                "sample 1's image came back uint8[2, 4] but sample 0's uint8[1, 4]; every sample must come back in one shape and dtype"
            ), "\(raggedMessage)")
    }

    @Test func aHangIsStoppedAfterTheTimeoutAndTheNextCallWorks() throws {
        let path = try PythonTestModule.write(
            "import time\ndef f(images, labels, rng):\n    if images.shape[0] == 2:\n        time.sleep(60)\n    return images\n"
        )
        let stage = try PythonTestModule.stage(path, "f", builder: PythonStageBuilder(timeout: .milliseconds(1500)))
        let clock = ContinuousClock()
        let start = clock.now
        let message = PythonTestModule.message { _ = try stage.allSlices(of: PythonTestModule.slice(count: 2)) }
        #expect(clock.now - start < .seconds(10))
        #expect(message.contains("took longer than 1.5 s at epoch 0, batch 0, so its worker was stopped"), "\(message)")
        #expect(try stage.allSlices(of: PythonTestModule.slice(count: 4))[0].images.shape == [4, 3, 4])
    }

    @Test func aWorkerKilledOnceIsRestartedAndTheBatchRetried() throws {
        let folder = try FixturePaths.temporaryDirectory("python-killed")
        let marker = folder.appendingPathComponent("killed-once").path
        let path = try PythonTestModule.write(
            """
            import os, signal
            def f(images, labels, rng):
                if not os.path.exists(\(String(reflecting: marker))):
                    open(\(String(reflecting: marker)), "w").close()
                    os.kill(os.getpid(), signal.SIGKILL)
                return images + 1
            """)
        let output = try PythonTestModule.stage(path, "f").allSlices(of: PythonTestModule.slice())[0]
        #expect(FileManager.default.fileExists(atPath: marker))
        #expect(
            PythonTestModule.bytes(output.images)
                == PythonTestModule.bytes(PythonTestModule.slice().images).map { $0 &+ 1 })
    }

    @Test func aWorkerKilledTwiceIsAnError() throws {
        let message = try callMessage(
            "import os, signal\ndef f(images, labels, rng):\n    print('about to die')\n    os.kill(os.getpid(), signal.SIGKILL)\n"
        )
        #expect(
            message.contains(
                "f's worker was killed by signal 9 (Killed) at epoch 0, batch 3, and again when the batch was retried on a fresh worker"
            ),
            "\(message)")
        #expect(message.contains("about to die"), "\(message)")
    }
}
