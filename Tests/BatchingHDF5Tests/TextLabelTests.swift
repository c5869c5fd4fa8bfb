import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// Labels stored as text by h5py (variable-length `string_dtype`, UTF-8 or ASCII, and fixed-length
/// bytes) read as class indices: against NumPy's `np.unique(…, return_inverse=True)` of h5py's
/// reading when the file lists no class names, against the position in the file's
/// `class_names` when it does.
struct TextLabelTests {
    /// Writes `batch_K.h5` files (or one `labels.h5`) with `labels` as text of `kind` (`utf8`,
    /// `ascii`, or a fixed `S8`); `names` as the root's `class_names`. Returns the path.
    private func write(
        _ labelsPerFile: [[String]], kind: String, names: [String]? = nil, in folder: URL
    ) throws -> String {
        let spec = try String(decoding: JSONSerialization.data(withJSONObject: labelsPerFile), as: UTF8.self)
        let nameSpec = try names.map { try String(decoding: JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let result = try Python.run(
            """
            import h5py, numpy as np, sys, json
            folder, kind, per_file = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
            names = json.loads(sys.argv[4]) if len(sys.argv) > 4 else None
            for k, labels in enumerate(per_file):
                with h5py.File(f'{folder}/batch_{k}.h5', 'w') as f:
                    f['images'] = (np.arange(len(labels) * 9) % 251).astype('u1').reshape(len(labels), 3, 3)
                    if kind == 'S8':
                        f['labels'] = np.array([s.encode() for s in labels], dtype='S8')
                    else:
                        f.create_dataset('labels', data=labels, dtype=h5py.string_dtype(kind))
                    if names is not None:
                        f.attrs['class_names'] = names
            """, arguments: [folder.path, kind, spec] + (nameSpec.map { [$0] } ?? []))
        try #require(result.status == 0, "\(result.combinedOutput)")
        return labelsPerFile.count == 1 ? folder.appendingPathComponent("batch_0.h5").path : folder.path
    }

    /// h5py's reading of every file's labels, through `np.unique(return_inverse=True)`: the sorted
    /// classes and each label's index.
    private func numpyClasses(_ path: String) throws -> (names: [String], indices: [Int]) {
        let result = try Python.run(
            """
            import h5py, numpy as np, sys, os, glob
            p = sys.argv[1]
            files = sorted(glob.glob(p + '/batch_*.h5')) if os.path.isdir(p) else [p]
            texts = [t if isinstance(t, bytes) else t for f in files for t in h5py.File(f, 'r')['labels'].asstr()[:]]
            names, inverse = np.unique(np.array(texts, dtype=object).astype(str), return_inverse=True)
            print('\\t'.join(names)); print(','.join(map(str, inverse.ravel())))
            """, arguments: [path])
        try #require(result.status == 0, "\(result.combinedOutput)")
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines[0].split(separator: "\t").map(String.init), lines[1].split(separator: ",").compactMap { Int($0) })
    }

    /// Runs `body`, a Python script that writes `sys.argv[1]` with h5py, and returns that path
    /// (named `name`, in `folder`).
    private func h5py(_ body: String, writing name: String, in folder: URL, arguments: [String] = []) throws
        -> String
    {
        let path = folder.appendingPathComponent(name).path
        let result = try Python.run("import h5py, numpy as np, sys\n" + body, arguments: [path] + arguments)
        try #require(result.status == 0, "\(result.combinedOutput)")
        return path
    }

    private func indices(_ source: HDF5Source) throws -> [Int] {
        let labels = try #require(source.labels)
        let tensor = try labels.gatherRows(Array(0..<labels.rowCount))
        #expect(tensor.dtype == .int64)
        return (0..<tensor.elementCount).map { Int(tensor.doubleValue(atElement: $0)) }
    }

    @Test(arguments: ["utf-8", "ascii", "S8"])
    func sortedDistinctTextsAreTheClassesWithoutClassNames(kind: String) throws {
        let folder = try FixturePaths.temporaryDirectory("text-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let texts =
            kind == "utf-8" ? ["dog", "cat", "süß", "cat", "ant", "dog", "Zebra"] : ["dog", "cat", "ant", "dog", "B"]
        let path = try write([texts], kind: kind, in: folder)
        let expected = try numpyClasses(path)
        for readPath in HDF5ReadPath.allCases where readPath != .direct {
            let source = try HDF5Source.open(path, readPath: readPath)
            #expect(source.classNames == expected.names)
            #expect(try indices(source) == expected.indices)
            #expect(source.selection.reasons.last?.contains("\(expected.names.count) distinct texts sorted") == true)
        }
    }

    @Test(arguments: ["utf-8", "S8"])
    func theFilesClassNamesGiveTheIndices(kind: String) throws {
        let folder = try FixturePaths.temporaryDirectory("text-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = ["dog", "cat", "bird", "fish"] // not sorted; "fish" never occurs
        let texts = ["cat", "bird", "dog", "cat", "dog"]
        let path = try write([texts], kind: kind, names: names, in: folder)
        let source = try HDF5Source.open(path)
        #expect(source.classNames == names)
        #expect(try indices(source) == texts.map { names.firstIndex(of: $0)! })
        #expect(source.selection.classNamesSource == "/@class_names")
    }

    /// The classes of a folder are one list: every file's texts together, sorted, so a text has
    /// the same index in every file (here "bird" occurs only in the second file).
    @Test func aFolderSharesOneSortedClassList() throws {
        let folder = try FixturePaths.temporaryDirectory("text-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try write([["dog", "cat", "dog"], ["bird", "dog"], ["cat"]], kind: "utf-8", in: folder)
        let expected = try numpyClasses(path)
        let source = try HDF5Source.open(path)
        #expect(source.classNames == ["bird", "cat", "dog"] && expected.names == ["bird", "cat", "dog"])
        #expect(try indices(source) == expected.indices)
        let batches = source.fileBatches(scalingImages: false)
        let second = try batches.batch(at: BatchAddress(epoch: 0, batch: 1), BatchOptions(batchSize: 1))
        #expect(second.columns[1].dtype == .int64 && second.columns[1].doubleValue(atElement: 0) == 0)
    }

    /// The shared fixture that was refused as "text strings, not numbers" now reads.
    @Test func theStringLabelsFixtureReads() throws {
        let path = FixturePaths.fixture("bad/string_labels.h5")
        let expected = try numpyClasses(path)
        let source = try HDF5Source.open(path)
        #expect(source.classNames == ["cat", "dog"] && expected.names == ["cat", "dog"])
        #expect(try indices(source) == expected.indices)
    }

    /// Empty texts, bytes that are not UTF-8, a control character and a fixed-length text with no
    /// NUL left (all 8 bytes used): each its own class, shown visibly.
    @Test func oddTextsAreClassesWithVisibleNames() throws {
        let folder = try FixturePaths.temporaryDirectory("text-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try h5py(
            """
            with h5py.File(sys.argv[1], 'w') as f:
                f['images'] = np.zeros((6, 2, 2), 'u1')
                f['labels'] = np.array([b'', b'\\xff\\xfe', b'a\\nb', b'exactly8', b'', b'exactly8'], dtype='S8')
            """, writing: "odd.h5", in: folder)
        let source = try HDF5Source.open(path)
        #expect(source.classNames == ["\"\"", "a\\x0ab", "exactly8", "\\xff\\xfe"])
        #expect(try indices(source) == [0, 3, 1, 2, 0, 2])
    }

    /// Fixed-length texts of 1 MiB each (never written: the fill value, empty) are read in
    /// slices whose bytes stay within the bound, not refused as too many at once.
    @Test func longFixedTextsAreReadInSmallerSlices() throws {
        let folder = try FixturePaths.temporaryDirectory("text-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try h5py(
            """
            with h5py.File(sys.argv[1], 'w') as f:
                f['images'] = np.zeros((100, 1), 'u1')
                f.create_dataset('labels', shape=(100,), dtype='S1048576', chunks=(1,))
            """, writing: "long.h5", in: folder)
        let source = try HDF5Source.open(path)
        #expect(source.classNames == ["\"\""])
        #expect(try indices(source) == Array(repeating: 0, count: 100))
    }

    /// Variable-length strings whose stored length disagrees with their heap object, or whose
    /// heap collection is damaged, are refused before libhdf5 reads them (libhdf5 1.10 copies past
    /// its buffer: the fuzzer's `free(): invalid pointer` and SIGSEGV in `memcpy`); chunked ones,
    /// which cannot be checked, are refused too. The files are left unchanged.
    @Test(arguments: ["length", "collection", "chunked"])
    func damagedVariableLengthStringsAreRefusedBeforeLibhdf5ReadsThem(damage: String) throws {
        let folder = try FixturePaths.temporaryDirectory("text-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try h5py(
            """
            damage = sys.argv[2]
            with h5py.File(sys.argv[1], 'w') as f:
                f['images'] = np.zeros((4, 2, 2), 'u1')
                f.create_dataset('labels', data=['dog', 'cat', 'dog', 'ant'], dtype=h5py.string_dtype(),
                                 chunks=(2,) if damage == 'chunked' else None)
                offset = f['labels'].id.get_offset()
            data = bytearray(open(sys.argv[1], 'rb').read())
            if damage == 'length':
                data[offset] = 200                           # string 0 claims 200 bytes
            elif damage == 'collection':
                heap = data.index(b'GCOL')
                data[heap + 24:heap + 32] = (0x2230).to_bytes(8, 'little')   # object 1 outgrows it
            open(sys.argv[1], 'wb').write(data)
            """, writing: "damaged.h5", in: folder, arguments: [damage])
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let words = [
            "length": "string 0 says 200 bytes", "collection": "heap collection at",
            "chunked": "stored chunked, and only contiguous ones can be checked",
        ]
        #expect {
            try HDF5Source.open(path)
        } throws: { error in
            guard case .readFailed(let file, "labels", let detail) = error as? HDF5Error else { return false }
            return file == path && detail.contains(words[damage]!)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aTextNotInTheClassNamesIsOneSentence() throws {
        let folder = try FixturePaths.temporaryDirectory("text-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try write([["cat", "dog", "bird"]], kind: "utf-8", names: ["cat", "dog"], in: folder)
        #expect {
            try HDF5Source.open(path)
        } throws: { error in
            guard case .unusableTextLabels(let file, let dataset, let problem) = error as? HDF5Error else {
                return false
            }
            return file == path && dataset == "labels"
                && problem.hasPrefix("label 2 (bird) is not one of the 2 class names")
        }
    }

    /// More labels than the bound (an unwritten chunked dataset claims them: nothing is read)
    /// and more distinct texts than classes can be are refused with a sentence.
    @Test func tooManyLabelsOrClassesAreRefused() throws {
        let folder = try FixturePaths.temporaryDirectory("text-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let huge = folder.appendingPathComponent("huge.h5").path
        let many = folder.appendingPathComponent("many.h5").path
        let result = try Python.run(
            """
            import h5py, numpy as np, sys
            n = (1 << 24) + 1
            with h5py.File(sys.argv[1], 'w') as f:
                f.create_dataset('images', shape=(n, 1), dtype='u1', chunks=(1 << 16, 1))
                f.create_dataset('labels', shape=(n,), dtype=h5py.string_dtype(), chunks=(1 << 16,))
            with h5py.File(sys.argv[2], 'w') as f:
                f['images'] = np.zeros((70000, 1), 'u1')
                f['labels'] = np.array([b'id%d' % i for i in range(70000)], dtype='S8')
            """, arguments: [huge, many])
        try #require(result.status == 0, "\(result.combinedOutput)")
        for (path, words) in [(huge, "at most 16777216 text labels"), (many, "more than 65536 distinct texts")] {
            #expect {
                try HDF5Source.open(path)
            } throws: { error in
                guard case .unusableTextLabels(let file, _, let problem) = error as? HDF5Error else { return false }
                return file == path && problem.contains(words)
            }
        }
    }

    /// A text dataset not named like labels (file names, captions) is not taken for labels.
    @Test func otherTextDatasetsAreNotPickedAsLabels() throws {
        let folder = try FixturePaths.temporaryDirectory("text-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try h5py(
            """
            with h5py.File(sys.argv[1], 'w') as f:
                f['images'] = np.zeros((3, 2, 2), 'u1')
                f.create_dataset('filenames', data=['a.png', 'b.png', 'c.png'], dtype=h5py.string_dtype())
            """, writing: "names.h5", in: folder)
        #expect(try HDF5Source.open(path).labels == nil)
        #expect(try HDF5Source.open(path, labels: "filenames").classNames == ["a.png", "b.png", "c.png"])
    }
}
