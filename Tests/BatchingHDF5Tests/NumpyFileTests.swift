import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

struct NumpyFileTests {
    @Test func headerIsVersionOneLittleEndianAndAligned() {
        let data = NumpyFile.encode(Tensor(shape: [2, 3], scalars: (0..<6).map { Float($0) }))
        #expect(Array(data.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let header = String(decoding: data[10..<(10 + headerLength)], as: UTF8.self)
        #expect(
            header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }") && header.hasSuffix("\n"))
        #expect(data.count == 10 + headerLength + 24)
    }

    @Test(arguments: DType.allCases)
    func roundTrips(dtype: DType) throws {
        let tensor = HDF5WriterTests.sample(dtype, shape: [4, 3])
        #expect(try NumpyFile.decode(NumpyFile.encode(tensor)) == tensor)
        let vector = HDF5WriterTests.sample(dtype, shape: [5])
        #expect(try NumpyFile.decode(NumpyFile.encode(vector)).shape == [5])
    }

    @Test func numpyLoadsWhatWeWriteAndWeLoadWhatNumpyWrites() throws {
        let folder = try FixturePaths.temporaryDirectory("npy")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ours = folder.appendingPathComponent("ours.npy").path
        try NumpyFile.write(Tensor(shape: [2, 2, 2], scalars: (0..<8).map { Int16($0 * 1000 - 4000) }), to: ours)
        let theirs = folder.appendingPathComponent("theirs.npy").path
        let result = try Python.run(
            """
            import numpy as np, sys
            a = np.load(sys.argv[1])
            print(a.dtype.str, a.shape, a.ravel().tolist())
            np.save(sys.argv[2], np.arange(6, dtype='>u4').reshape(3, 2) * 70000)
            """, arguments: [ours, theirs])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "<i2 (2, 2, 2) [-4000, -3000, -2000, -1000, 0, 1000, 2000, 3000]\n")
        let back = try NumpyFile.read(theirs)
        #expect(back.dtype == .uint32 && back.shape == [3, 2])
        #expect(back.scalars(UInt32.self) == (0..<6).map { UInt32($0 * 70000) })
    }

    @Test func badNpyIsASentence() {
        #expect {
            try NumpyFile.decode(Data("hello".utf8), name: "x.npy")
        } throws: { "\($0)".contains("x.npy is not a usable .npy file") }
    }
}
