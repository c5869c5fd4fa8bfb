import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

/// What `batchview.Recorder` (python/) writes opens as file batches: the bytes a training loop
/// fed come back from `dump --file-batches`, and `frame` steps through them.
@Suite struct RecorderEndToEndTests {
    @Test func fiveRecordedStepsOpenAsFileBatchesWithTheirBytesAndSteps() throws {
        let folder = try FixturePaths.temporaryDirectory("recorder")
        let recorded = folder.appendingPathComponent("run").path
        let expected = folder.appendingPathComponent("expected").path
        // Ten steps, every second one recorded: steps 0, 2, 4, 6, 8 become batch_0 … batch_4.
        let script = try Python.run(
            """
            import os, sys
            sys.path.insert(0, sys.argv[1])
            import numpy as np
            import batchview
            os.makedirs(sys.argv[3])
            rng = np.random.default_rng(4)
            with batchview.Recorder(sys.argv[2], every=2) as rec:
                for step in range(10):
                    images = rng.integers(0, 256, size=(6, 8, 8, 3), dtype=np.uint8)
                    labels = rng.integers(0, 10, size=6)
                    if rec.write(images, labels, step=step, epoch=3, indices=np.arange(6) + 6 * step):
                        np.save(f"{sys.argv[3]}/images_{step}.npy", images)
                        np.save(f"{sys.argv[3]}/labels_{step}.npy", labels)
            """, arguments: [FixturePaths.packageRoot.appendingPathComponent("python").path, recorded, expected])
        #expect(script.status == 0, "\(script.combinedOutput)")
        for (batch, step) in [0, 2, 4, 6, 8].enumerated() {
            let out = folder.appendingPathComponent("dump\(batch)").path
            let dump = try CommandRunner.run(
                ["dump", recorded, "--file-batches", "--epoch", "0", "--batch", String(batch), "-o", out])
            #expect(dump.status == 0, "\(dump.standardError)")
            #expect(
                try NumpyFile.read(out + "/images.npy") == (try NumpyFile.read(expected + "/images_\(step).npy")),
                "batch \(batch)")
            #expect(
                try NumpyFile.read(out + "/labels.npy") == (try NumpyFile.read(expected + "/labels_\(step).npy")),
                "batch \(batch)")
        }
        // The step, epoch and indices beside the arrays, as h5py reads them.
        let attributes = try Python.run(
            """
            import sys, h5py
            for k in range(5):
                with h5py.File(f"{sys.argv[1]}/batch_{k}.h5", "r") as f:
                    print(int(f.attrs["step"]), int(f.attrs["epoch"]), f.attrs["indices"].tolist())
            """, arguments: [recorded])
        #expect(
            attributes.standardOutput
                == (0..<5).map { "\(2 * $0) 3 \(Array((12 * $0)..<(12 * $0 + 6)))\n" }.joined(),
            "\(attributes.combinedOutput)")
        let frame = try CommandRunner.run(
            ["frame", recorded, "--file-batches", "--size", "100x30", "--color", "none", "--keys", "n n"])
        #expect(frame.status == 0, "\(frame.standardError)")
        #expect(frame.standardOutput.contains("batch 2 of 5  file batch_2.h5"), "\(frame.standardOutput)")
        // The recorded step and epoch in the header; `g s6` goes to the file recorded at step 6
        // (batch_3.h5), whose row 2 was sample 6 · 6 + 2 = 38 of the training set.
        let step = try CommandRunner.run([
            "frame", recorded, "--file-batches", "--size", "120x30", "--color", "none", "--keys",
            "g s 6 Enter l l Enter",
        ])
        #expect(step.status == 0, "\(step.standardError)")
        #expect(
            step.standardOutput.contains("batch 3 of 5  file batch_3.h5  recorded step 6 · epoch 3"),
            "\(step.standardOutput)")
        #expect(step.standardOutput.contains("recorded step 6 · epoch 3 · original index 38"), "\(step.standardOutput)")
        let missing = try CommandRunner.run([
            "frame", recorded, "--file-batches", "--size", "120x30", "--color", "none", "--keys", "g s 5 Enter",
        ])
        #expect(missing.standardOutput.contains("no file was recorded at step 5 (recorded steps: 0…8)"))
    }

    @Test func aWrongLengthIndicesAttributeIsANoteNotACrash() throws {
        let folder = try FixturePaths.temporaryDirectory("recorder-hostile").path
        let script = try Python.run(
            """
            import sys, h5py, numpy as np
            with h5py.File(f"{sys.argv[1]}/batch_0.h5", "w") as f:
                f["images"] = np.zeros((4, 5, 5), np.uint8)
                f.attrs["step"] = 40
                f.attrs["indices"] = np.arange(9)
            """, arguments: [folder])
        #expect(script.status == 0, "\(script.combinedOutput)")
        let frame = try CommandRunner.run([
            "frame", folder, "--file-batches", "--size", "160x30", "--color", "none", "--keys", "Enter",
        ])
        #expect(frame.status == 0, "\(frame.standardError)")
        #expect(
            frame.standardOutput.contains(
                "recorded step 40 · the indices attribute holds 9 values for 4 rows; ignored"),
            "\(frame.standardOutput)")
    }

    @Test func aBatchWhoseIndicesNeedTheNewerFileFormatStillOpens() throws {
        // 9,000 indices (72 KB) do not fit a compact attribute; the recorder writes HDF5 1.8's format.
        let folder = try FixturePaths.temporaryDirectory("recorder-large")
        let recorded = folder.appendingPathComponent("run").path
        let script = try Python.run(
            """
            import sys
            sys.path.insert(0, sys.argv[1])
            import numpy as np
            import batchview
            with batchview.Recorder(sys.argv[2]) as rec:
                rec.write((np.arange(9000 * 4) % 251).astype(np.uint8).reshape(9000, 2, 2), indices=np.arange(9000))
            """, arguments: [FixturePaths.packageRoot.appendingPathComponent("python").path, recorded])
        #expect(script.status == 0, "\(script.combinedOutput)")
        let out = folder.appendingPathComponent("dump").path
        let dump = try CommandRunner.run(["dump", recorded, "--file-batches", "--batch", "0", "-o", out])
        #expect(dump.status == 0, "\(dump.standardError)")
        let images = try NumpyFile.read(out + "/images.npy")
        #expect(images.shape == [9000, 2, 2])
        #expect(images.scalars(as: UInt8.self) == (0..<36000).map { UInt8($0 % 251) })
    }
}
