import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// A dataset whose rows hold no bytes (shape `[5, 0]`, which h5py writes without complaint) is
/// read as five empty rows, whole or converted, instead of crashing on a buffer with no address.
@Suite struct ZeroWidthRowsTests {
    @Test(arguments: [HDF5ReadPath.automatic, .library], [1, 2])
    func wholeReadsOfEmptyRowsGiveEmptyRows(readPath: HDF5ReadPath, threads: Int) throws {
        let folder = try FixturePaths.temporaryDirectory("zero-width")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("empty_rows.h5").path
        let writer = try HDF5Writer(creating: path)
        try writer.write(Tensor(zeros: .uint8, shape: [5, 0]), to: "images")
        try writer.close()
        let column = try HDF5Column(file: HDF5File(path: path), dataset: "images", readPath: readPath)
        #expect(column.rowCount == 5 && column.rowShape == [0])
        var bytes = Tensor(zeros: .uint8, shape: [0])
        try column.readAll(into: &bytes, threads: threads)
        #expect(bytes.shape == [5, 0] && bytes.elementCount == 0)
        var floats = Tensor(zeros: .float32, shape: [0])
        try column.readAllAsFloat32(into: &floats, threads: threads)
        #expect(floats.shape == [5, 0] && floats.dtype == .float32)
        #expect(try column.gatherRows([4, 0, 4]).shape == [3, 0])
    }
}
