import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// A shape no memory could hold — rows of 2^31 × 2^31 bytes, or 2^62 rows — is a file h5py writes
/// without complaint (chunked, nothing allocated). Opening it as a source is an error naming the
/// dataset and its shape, not a crash on an overflowing byte count.
@Suite struct HugeShapeTests {
    @Test(arguments: [[4, 1 << 31, 1 << 31], [1 << 62, 8, 8], [4, 1 << 32, 1 << 32]])
    func aShapeTooLargeToHoldIsAnError(shape: [Int]) throws {
        let folder = try FixturePaths.temporaryDirectory("huge-shape")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("huge.h5").path
        let written = try Python.run(
            """
            import sys, h5py
            shape = tuple(int(n) for n in sys.argv[2].split(","))
            with h5py.File(sys.argv[1], "w") as f:
                f.create_dataset("images", shape=shape, dtype="u1", chunks=(1,) + (8,) * (len(shape) - 1))
            """, arguments: [path, shape.map(String.init).joined(separator: ",")])
        #expect(written.status == 0, "\(written.combinedOutput)")
        let described = try #require(try HDF5File(path: path).root.dataset(at: "images"))
        #expect(described.shape == shape && !described.fitsInMemory)
        #expect(throws: HDF5Error.tooLarge(file: path, dataset: "images", shape: shape)) {
            try HDF5Source.open(path, images: "images")
        }
        let text = "\(HDF5Error.tooLarge(file: path, dataset: "images", shape: shape))"
        #expect(text.contains(path) && text.contains("\"images\"") && text.contains("\(shape)"))
    }

    @Test func ordinaryShapesFit() throws {
        let info = try #require(
            try HDF5File(path: FixturePaths.fixture("rgb_chunked_gzip.h5")).root.dataset(at: "train/images"))
        #expect(info.fitsInMemory && info.bytesPerRow == 32 * 32 * 3)
    }
}
