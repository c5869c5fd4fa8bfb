import Foundation
import TestSupport
import Testing

/// Text and enumeration labels written by h5py, through the commands as a user runs them:
/// `info` says how labels became classes, `dump` writes class indices (text) or stored values
/// (enumeration) to labels.npy, and `frame` shows the names.
@Suite struct LabelKindCommandTests {
    /// `text.h5` (variable-length UTF-8 labels, no class names) and `enum.h5` (an enumeration
    /// over uint16 with values 0, 4 and 9) in `folder`.
    private func write(in folder: URL) throws -> (text: String, enumeration: String) {
        let text = folder.appendingPathComponent("text.h5").path
        let enumeration = folder.appendingPathComponent("enum.h5").path
        let result = try Python.run(
            """
            import h5py, numpy as np, sys
            x = (np.arange(6 * 8 * 8) % 251).astype('u1').reshape(6, 8, 8)
            with h5py.File(sys.argv[1], 'w') as f:
                f['images'] = x
                f.create_dataset('labels', data=['dog', 'cat', 'zebra', 'cat', 'dog', 'dog'], dtype=h5py.string_dtype())
            with h5py.File(sys.argv[2], 'w') as f:
                f['images'] = x
                kind = h5py.enum_dtype({'low': 0, 'mid': 4, 'high': 9}, basetype='u2')
                f.create_dataset('labels', data=np.array([9, 0, 4, 4, 9, 0], 'u2'), dtype=kind)
            """, arguments: [text, enumeration])
        try #require(result.status == 0, "\(result.combinedOutput)")
        return (text, enumeration)
    }

    /// What NumPy makes of h5py's reading of `labels` at `indices`: for text, the indices into the
    /// sorted distinct texts of the whole dataset; for an enumeration, the stored values.
    private func expectedLabels(_ path: String, indices: [Int]) throws -> String {
        let result = try Python.run(
            """
            import h5py, numpy as np, sys
            d = h5py.File(sys.argv[1], 'r')['labels']
            i = [int(k) for k in sys.argv[2].split(',')]
            if h5py.check_string_dtype(d.dtype):
                print(np.unique(d.asstr()[:], return_inverse=True)[1][i].tolist())
            else:
                print(d[:][i].tolist())
            """, arguments: [path, indices.map(String.init).joined(separator: ",")])
        try #require(result.status == 0, "\(result.combinedOutput)")
        return result.standardOutput
    }

    private func dumpedLabels(_ path: String, indices: [Int], folder: URL) throws -> String {
        let out = folder.appendingPathComponent("dump-\((path as NSString).lastPathComponent)").path
        let dump = try CommandRunner.run(
            ["dump", path, "--indices", indices.map(String.init).joined(separator: ","), "-o", out])
        #expect(dump.status == 0, "\(dump.standardError)")
        let (status, output) = try Python.combined(
            "import numpy as np, sys; y = np.load(sys.argv[1] + '/labels.npy'); print(y.tolist())", [out])
        #expect(status == 0, "\(output)")
        return output
    }

    @Test func dumpWritesClassIndicesForTextAndValuesForEnumerations() throws {
        let folder = try FixturePaths.temporaryDirectory("label-kinds")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (text, enumeration) = try write(in: folder)
        let indices = [5, 2, 0, 1, 2]
        for path in [text, enumeration] {
            #expect(try dumpedLabels(path, indices: indices, folder: folder) == expectedLabels(path, indices: indices))
        }
        // The shared fixture once refused as "text strings, not numbers".
        let fixture = FixturePaths.fixture("bad/string_labels.h5")
        #expect(try dumpedLabels(fixture, indices: [0, 1, 2], folder: folder) == "[0, 1, 0]\n")
    }

    @Test func infoSaysHowLabelsBecameClasses() throws {
        let folder = try FixturePaths.temporaryDirectory("label-kinds")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (text, enumeration) = try write(in: folder)
        let textInfo = try CommandRunner.run(["info", text])
        #expect(textInfo.status == 0, "\(textInfo.standardError)")
        #expect(
            textInfo.standardOutput.contains(
                "label classes: 6 text labels, 3 distinct texts sorted (cat, dog, zebra); a label's class is its text's place in that order"
            ), "\(textInfo.standardOutput)")
        let enumInfo = try CommandRunner.run(["info", "--json", enumeration])
        #expect(enumInfo.status == 0, "\(enumInfo.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(enumInfo.standardOutput.utf8)) as? [String: Any])
        let picked = try #require(object["picked"] as? [String: Any])
        let names = try #require(picked["classNames"] as? [String])
        #expect(names == ["low", "1", "2", "3", "mid", "5", "6", "7", "8", "high"])
        let reasons = try #require(picked["reasons"] as? [String])
        #expect(
            reasons.contains(
                "class names: the enumeration's 3 names (high=9, low=0, mid=4); a label's class is its value"))
    }

    @Test func frameShowsTheNames() throws {
        let folder = try FixturePaths.temporaryDirectory("label-kinds")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (text, enumeration) = try write(in: folder)
        for (path, captions) in [(text, ["0 dog", "1 cat", "2 zebra"]), (enumeration, ["0 high", "1 low", "2 mid"])] {
            let frame = try CommandRunner.run(["frame", path, "--size", "120x30", "--color", "none"])
            #expect(frame.status == 0, "\(frame.standardError)")
            for caption in captions {
                #expect(frame.standardOutput.contains(caption), "\(caption)\n\(frame.standardOutput)")
            }
            let detail = try CommandRunner.run([
                "frame", path, "--size", "120x30", "--color", "none", "--keys", "l l Enter",
            ])
            let label = path == text ? "label zebra (2)" : "label mid (4)"
            #expect(detail.standardOutput.contains(label), "\(detail.standardOutput)")
        }
    }
}
