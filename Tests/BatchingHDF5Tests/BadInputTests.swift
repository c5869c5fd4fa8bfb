import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// Every kind of bad input gets its own error, whose sentence names the file and the dataset,
/// and the file is left unchanged.
struct BadInputTests {
    /// Opens `path` as the commands do and returns the error text.
    private func failure(_ path: String, images: String? = nil) -> (HDF5Error?, String) {
        do {
            _ = try HDF5Source.open(path, images: images)
            return (nil, "")
        } catch {
            return (error as? HDF5Error, "\(error)")
        }
    }

    @Test func notHDF5() {
        let path = FixturePaths.fixture("bad/not_hdf5.h5")
        let (error, text) = failure(path)
        #expect(error == .notHDF5(path: path))
        #expect(text.contains(path) && text.contains("not an HDF5 file"))
    }

    @Test func truncated() {
        let path = FixturePaths.fixture("bad/truncated.h5")
        let (error, text) = failure(path)
        guard case .unreadableFile(let file, let detail) = error else {
            Issue.record("got \(text)")
            return
        }
        #expect(file == path && detail.contains("truncated"))
        #expect(text.contains("truncated or damaged"))
    }

    @Test func mismatch() {
        let path = FixturePaths.fixture("bad/mismatch.h5")
        let (error, text) = failure(path)
        #expect(
            error == .lengthMismatch(file: path, images: "images", imageCount: 100, labels: "labels", labelCount: 90))
        #expect(text.contains("100") && text.contains("90") && text.contains("\"labels\""))
    }

    /// LZF (h5py's own filter) was refused here; it now reads with h5py's bytes — through the
    /// direct path with liblzf (Debian's plugin on the library path) — and `info` says so.
    @Test func lzfReadsAsH5pyReadsIt() throws {
        let path = FixturePaths.fixture("bad/lzf.h5")
        let source = try HDF5Source.open(path)
        let ours = try source.images.gatherRows(Array(0..<source.images.rowCount))
        let h5py = try Python.run(
            """
            import sys, h5py
            print(h5py.File(sys.argv[1], "r")["images"][:].tobytes().hex())
            """, arguments: [path])
        #expect(h5py.status == 0, "\(h5py.combinedOutput)")
        let hex = ours.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
        #expect(hex == h5py.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        let info = try HDF5File(path: path).root.dataset(at: "images")
        #expect(info?.filters.first?.isAvailable == true && info?.filters.first?.decoder() == "direct, liblzf")
    }

    @Test func empty() {
        let path = FixturePaths.fixture("bad/empty.h5")
        let (error, text) = failure(path)
        #expect(error == .noSamples(file: path, dataset: "images"))
        #expect(text.contains("0 samples"))
    }

    /// Text labels now read as classes (`TextLabelTests`); labels of records are still refused.
    @Test func compoundLabels() throws {
        let folder = try FixturePaths.temporaryDirectory("bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("compound_labels.h5").path
        let result = try Python.run(
            """
            import h5py, numpy as np, sys
            with h5py.File(sys.argv[1], 'w') as f:
                f['images'] = np.zeros((4, 2, 2), 'u1')
                f['labels'] = np.zeros(4, dtype=[('kind', 'i4'), ('score', 'f4')])
            """, arguments: [path])
        try #require(result.status == 0, "\(result.combinedOutput)")
        let (error, text) = failure(path)
        #expect(error == .labelsNotNumeric(file: path, dataset: "labels", type: "compound records"))
        #expect(text.contains("not numbers"))
    }

    @Test func missingPathAndEmptyFolder() throws {
        #expect(failure("/no/such/file.h5").0 == .fileNotFound(path: "/no/such/file.h5"))
        #expect(failure("/no/such/batch_*.h5").0 == .emptyFolder(path: "/no/such/batch_*.h5"))
        let folder = try FixturePaths.temporaryDirectory("bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let (error, text) = failure(folder.path)
        #expect(error == .emptyFolder(path: folder.path))
        #expect(text.contains("contains no .h5 files"))
    }

    /// A named pipe would block the open until some program writes to it; a folder inside a
    /// folder of batch files is named as a folder. Both are refused before libhdf5 sees them.
    @Test func namedPipesAndFoldersAreNotFiles() throws {
        let folder = try FixturePaths.temporaryDirectory("bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("pipe.h5").path
        try #require(mkfifo(pipe, 0o600) == 0)
        let (error, text) = failure(pipe)
        #expect(error == .invalidArgument("\(pipe) is not a regular file (a named pipe), so it cannot be read as HDF5"))
        #expect(text.contains("named pipe"))
        let batches = folder.appendingPathComponent("batches")
        let inner = batches.appendingPathComponent("batch_1.h5")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        let (innerError, innerText) = failure(batches.path)
        #expect(innerText.contains("batch_1.h5 is a folder, not an HDF5 file"), "\(String(describing: innerError))")
    }

    /// A damaged gzip chunk is refused in one sentence that says the file may be damaged once.
    @Test func aDamagedChunkIsOneSentence() throws {
        let folder = try FixturePaths.temporaryDirectory("bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("damaged.h5").path
        let result = try Python.run(
            """
            import h5py, numpy as np, sys
            with h5py.File(sys.argv[1], 'w') as f:
                d = f.create_dataset('images', data=np.arange(64 * 256, dtype='u1').reshape(64, 16, 16) * 7 % 251,
                                     chunks=(16, 16, 16), compression='gzip')
                info = d.id.get_chunk_info(1)
            with open(sys.argv[1], 'r+b') as f:  # junk in the middle of chunk 1
                f.seek(info.byte_offset + info.size // 2)
                f.write(bytes(range(7, 255, 3)[: info.size // 3]))
            """, arguments: [path])
        try #require(result.status == 0, "\(result.combinedOutput)")
        let source = try HDF5Source.open(path)
        #expect(throws: (any Error).self) { try source.images.gatherRows(Array(0..<64)) }
        do {
            _ = try source.images.gatherRows(Array(0..<64))
        } catch {
            let text = "\(error)"
            #expect(text.components(separatedBy: "may be damaged").count == 2, "\(text)")
        }
    }

    @Test func rankZeroAndMissingDataset() throws {
        let folder = try FixturePaths.temporaryDirectory("bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("scalar.h5").path
        let writer = try HDF5Writer(creating: path)
        try writer.write(Tensor(shape: [], scalars: [Float(3.5)]), to: "images")
        try writer.close()
        #expect(failure(path).0 == .scalarDataset(file: path, dataset: "images"))
        #expect(failure(path, images: "images").0 == .scalarDataset(file: path, dataset: "images"))
        #expect(failure(path, images: "nope").0 == .noSuchDataset(file: path, dataset: "nope", available: ["images"]))
        #expect(throws: HDF5Error.scalarDataset(file: path, dataset: "images")) {
            try HDF5Column(file: HDF5File(path: path), dataset: "images")
        }
    }

    @Test func filesAreLeftUnchanged() throws {
        let names = [
            "bad/not_hdf5.h5", "bad/truncated.h5", "bad/mismatch.h5", "bad/lzf.h5", "bad/empty.h5",
            "bad/string_labels.h5", "mnist_small.h5", "rgb_chunked_gzip.h5",
        ]
        for name in names {
            let path = FixturePaths.fixture(name)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
            _ = failure(path)
            _ = try? HDF5Source.open(path).images.gatherRows([0])
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(name) changed")
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == modified)
        }
    }
}
