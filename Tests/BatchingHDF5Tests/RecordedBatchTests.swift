import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

/// The step, epoch and sample indices `batchview.Recorder` stores as a batch file's root
/// attributes, read back from files h5py wrote — and every malformed one left out with a note.
@Suite struct RecordedBatchTests {
    /// Writes batch_0 … batch_N (4 rows each) with the attributes each line of `attributes` sets.
    func folder(_ attributes: [String]) throws -> String {
        let folder = try FixturePaths.temporaryDirectory("recorded").path
        let script = try Python.run(
            """
            import sys, h5py, numpy as np
            for k, line in enumerate(sys.argv[2:]):
                with h5py.File(f"{sys.argv[1]}/batch_{k}.h5", "w") as f:
                    f["images"] = np.full((4, 3, 3), k, np.uint8)
                    f["labels"] = np.arange(4)
                    exec(line, {"f": f, "np": np})
            """, arguments: [folder] + attributes)
        #expect(script.status == 0, "\(script.combinedOutput)")
        return folder
    }

    func recorded(_ attributes: [String]) throws -> [RecordedBatch?] {
        try HDF5Source.open(try folder(attributes)).fileBatches(scalingImages: false).recorded
    }

    @Test func theRecordersAttributesAreReadAsWritten() throws {
        let recorded = try recorded([
            "f.attrs['step'] = 120; f.attrs['epoch'] = 2; f.attrs['indices'] = np.array([9, 4, 7, 1], np.int64)",
            "f.attrs['step'] = np.int32(130)",
            "pass",
        ])
        #expect(recorded[0] == RecordedBatch(step: 120, epoch: 2, indices: [9, 4, 7, 1]))
        #expect(recorded[1] == RecordedBatch(step: 130))
        #expect(recorded[2] == nil)
        #expect(recorded[0]?.summary == "step 120 · epoch 2")
    }

    @Test func malformedAttributesAreLeftOutWithANote() throws {
        let recorded = try recorded([
            "f.attrs['step'] = 5; f.attrs['indices'] = np.arange(3)",
            "f.attrs['step'] = 'five'; f.attrs['epoch'] = np.array([1, 2])",
            "f.attrs['step'] = 1.5; f.attrs['indices'] = np.array([0, -1, 2, 3])",
            "f.attrs['step'] = float('nan'); f.attrs['indices'] = np.array([0.5, 1, 2, 3])",
            "f.attrs['step'] = 2.0**60; f.attrs['indices'] = 'text'",
        ])
        #expect(
            recorded[0] == RecordedBatch(step: 5, notes: ["the indices attribute holds 3 values for 4 rows; ignored"]))
        #expect(
            recorded[1]?.notes == [
                "the step attribute is \"five\", not one whole number; ignored",
                "the epoch attribute is [1, 2], not one whole number; ignored",
            ])
        #expect(recorded[1]?.step == nil && recorded[1]?.epoch == nil)
        #expect(
            recorded[2]?.notes == [
                "the step attribute is 1.5, not one whole number; ignored",
                "the indices attribute holds -1.0, not a sample index; ignored",
            ])
        #expect(recorded[3]?.notes.count == 2)
        #expect(recorded[3]?.step == nil && recorded[3]?.indices == nil)
        #expect(recorded[4]?.step == nil && recorded[4]?.indices == nil)
        #expect(recorded[4]?.notes.count == 2)
    }
}
