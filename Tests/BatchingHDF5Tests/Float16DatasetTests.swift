import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// float16 (half-precision) images or labels, written by h5py: described as `<f2`, read widened
/// to float32 — exactly NumPy's `astype("float32")` of h5py's reading — through the automatic and
/// library paths; the direct path says it cannot convert them.
struct Float16DatasetTests {
    /// A file written by h5py with float16 `images` (or `labels`) and a float16 attribute, in
    /// `order` ("<" or ">"), chunked or not.
    private func writeFile(halfImages: Bool, order: String = "<", chunked: Bool = false, in folder: URL) throws
        -> String
    {
        let path = folder.appendingPathComponent("half_\(halfImages)_\(order == "<" ? "le" : "be")_\(chunked).h5").path
        let result = try Python.run(
            """
            import h5py, numpy as np, sys
            half = sys.argv[3] + 'f2'
            chunks = (2, 4, 4) if sys.argv[4] == '1' else None
            with h5py.File(sys.argv[1], 'w') as f:
                x = ((np.arange(6 * 4 * 4) % 97) * 0.37 - 11).reshape(6, 4, 4)
                x[0, 0, :3] = [np.inf, -0.0, 6.1e-5]
                f.create_dataset('images', data=x.astype(half if sys.argv[2] == '1' else 'uint8'), chunks=chunks)
                f['labels'] = (np.arange(6) % 3).astype(half if sys.argv[2] == '0' else 'int64')
                f['images'].attrs['scale'] = np.array([0.5, 2], dtype='float16')
            """, arguments: [path, halfImages ? "1" : "0", order, chunked ? "1" : "0"])
        try #require(result.status == 0, "\(result.combinedOutput)")
        return path
    }

    /// h5py's reading of `dataset`, widened to float32, as hex.
    private func h5pyFloat32Hex(_ path: String, _ dataset: String) throws -> String {
        let result = try Python.run(
            """
            import h5py, numpy as np, sys
            print(h5py.File(sys.argv[1], 'r')[sys.argv[2]][:].astype('=f4').tobytes().hex())
            """, arguments: [path, dataset])
        try #require(result.status == 0, "\(result.combinedOutput)")
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func hex(_ tensor: Tensor) -> String {
        tensor.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
    }

    @Test(arguments: [("<", false), (">", false), ("<", true), (">", true)])
    func imagesReadWidenedToFloat32(order: String, chunked: Bool) throws {
        let folder = try FixturePaths.temporaryDirectory("float16")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try writeFile(halfImages: true, order: order, chunked: chunked, in: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let file = try HDF5File(path: path)
        let info = try #require(file.root.dataset(at: "images"))
        #expect(
            info.elementType == .float16(order == "<" ? .little : .big) && info.elementType.description == order + "f2")
        #expect(info.dtype == .float32 && info.bytesPerRow == 4 * 4 * 4)
        #expect(info.attribute("scale") == .numbers([0.5, 2]))

        let expected = try h5pyFloat32Hex(path, "images")
        let source = try HDF5Source.open(path)
        #expect(source.images.dtype == .float32)
        #expect(hex(try source.images.gatherRows(Array(0..<6))) == expected)
        let library = try HDF5Column(file: file, dataset: "images", readPath: .library)
        #expect(hex(try library.gatherRows(Array(0..<6))) == expected)
        #expect(hex(try library.readAll()) == expected)
        #expect(throws: HDF5Error.self) { try HDF5Column(file: file, dataset: "images", readPath: .direct) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func labelsReadWidenedToFloat32() throws {
        let folder = try FixturePaths.temporaryDirectory("float16")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try writeFile(halfImages: false, in: folder)
        let source = try HDF5Source.open(path)
        let labels = try #require(source.labels)
        #expect(labels.dtype == .float32)
        #expect(hex(try labels.gatherRows(Array(0..<6))) == (try h5pyFloat32Hex(path, "labels")))
    }
}
