import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// float16 (half-precision) images or labels: described as `<f2`, and refused with a sentence
/// that says they are float16 and how to convert them — never "cannot be read as numbers" or
/// "no numeric dataset".
struct Float16DatasetTests {
    /// A file written by h5py with float16 `images` (or `labels`) and a float16 attribute.
    private func writeFile(halfImages: Bool, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(halfImages ? "half_images.h5" : "half_labels.h5").path
        let result = try Python.run(
            """
            import h5py, numpy as np, sys
            with h5py.File(sys.argv[1], 'w') as f:
                x = (np.arange(6 * 4 * 4) % 7).reshape(6, 4, 4)
                f['images'] = x.astype('float16' if sys.argv[2] == '1' else 'uint8')
                f['labels'] = (np.arange(6) % 3).astype('float16' if sys.argv[2] == '0' else 'int64')
                f['images'].attrs['scale'] = np.array([0.5, 2], dtype='float16')
            """, arguments: [path, halfImages ? "1" : "0"])
        try #require(result.status == 0, "\(result.combinedOutput)")
        return path
    }

    @Test func imagesAreRefusedWithHowToConvert() throws {
        let folder = try FixturePaths.temporaryDirectory("float16")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try writeFile(halfImages: true, in: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let file = try HDF5File(path: path)
        let info = try #require(file.root.dataset(at: "images"))
        #expect(info.elementType == .float16(.little) && info.elementType.description == "<f2" && info.dtype == nil)
        #expect(info.attribute("scale") == .numbers([0.5, 2]))

        // Picked by name, given with --images, or opened as a column: the same sentence.
        for images in [nil, "images"] as [String?] {
            #expect(throws: HDF5Error.float16Dataset(file: path, dataset: "images")) {
                try HDF5Source.open(path, images: images)
            }
        }
        #expect(throws: HDF5Error.float16Dataset(file: path, dataset: "images")) {
            try HDF5Column(file: file, dataset: "images")
        }
        let text = HDF5Error.float16Dataset(file: path, dataset: "images").description
        #expect(text.contains(path) && text.contains("\"images\"") && text.contains("float16"))
        #expect(text.contains(".astype(\"float32\")") && text.contains("batchview import npy"))
        #expect(!text.contains("cannot be read as numbers") && !text.contains("\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func labelsAreRefusedWithHowToConvert() throws {
        let folder = try FixturePaths.temporaryDirectory("float16")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try writeFile(halfImages: false, in: folder)
        for labels in [nil, "labels"] as [String?] {
            #expect(throws: HDF5Error.float16Dataset(file: path, dataset: "labels")) {
                try HDF5Source.open(path, labels: labels)
            }
        }
    }

    @Test func aFloat16DatasetOfAnyNameIsNamedWhenNothingElseFits() throws {
        let folder = try FixturePaths.temporaryDirectory("float16")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("half_pixels.h5").path
        let result = try Python.run(
            """
            import h5py, numpy as np, sys
            with h5py.File(sys.argv[1], 'w') as f:
                f['pixels'] = np.zeros((5, 3, 3), 'float16')
            """, arguments: [path])
        try #require(result.status == 0, "\(result.combinedOutput)")
        #expect(throws: HDF5Error.float16Dataset(file: path, dataset: "pixels")) { try HDF5Source.open(path) }
    }
}
