import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// Layouts the fixtures do not have, written by h5py in the test: chunks that do not divide the
/// rows, chunks split along inner axes, big-endian data, filters the direct path leaves to libhdf5.
@Suite("Direct readers on odd layouts")
struct FastPathOddLayoutTests {
    static let indices = [49, 0, 7, 7, 6, 13, 14, 48, 22, 1, 35]

    private func formulaFile(_ name: String, shape: [Int], dtype: String = "u1", options: String) throws -> String {
        let folder = try FixturePaths.temporaryDirectory("fastpath")
        let path = folder.appendingPathComponent(name).path
        try FastPathH5py.writeFormulaFile(path, shape: shape, dtype: dtype, options: options)
        return path
    }

    @Test(arguments: [
        ("chunks=(7, 5, 28)", [50, 28, 28]),
        ("chunks=(3, 28, 9), compression='gzip'", [50, 28, 28]),
        ("chunks=(4, 3, 10, 2), compression='gzip', shuffle=True", [50, 10, 10, 3]),
        ("chunks=(50, 1, 1), compression='gzip', compression_opts=9", [50, 6, 5]),
        ("chunks=(1, 28, 28), compression='gzip'", [50, 28, 28]),
    ])
    func oddChunkShapes(options: String, shape: [Int]) throws {
        let path = try formulaFile("odd.h5", shape: shape, options: options)
        let layout = try #require(try FastPathH5py.layout(file: path, dataset: "images"))
        let expected = Self.indices.flatMap { fixtureRow($0, rowShape: Array(shape.dropFirst())) }
        #expect(try FastPathDirectReaderTests.gather(layout, Self.indices) == expected)
        // Without a cache, chunks are decoded only as far as the rows asked for.
        #expect(
            try FastPathDirectReaderTests.gather(layout, Self.indices, cache: DecodedChunkCache(byteBudget: 0))
                == expected)
    }

    @Test(
        arguments: ["'>f4'", "'<f8'", "'>f8'"],
        [
            "", "chunks=(6, 4, 7), compression='gzip', shuffle=True",
            "chunks=(6, 9, 7), compression='gzip'",
        ])
    func floatsInEitherByteOrder(dtype: String, options: String) throws {
        let path = try formulaFile(
            "float.h5", shape: [50, 9, 7], dtype: dtype.trimmingCharacters(in: ["'"]),
            options: options)
        let layout = try #require(try FastPathH5py.layout(file: path, dataset: "images"))
        #expect(layout.swapBytes == dtype.contains(">"))
        let bytes = try FastPathDirectReaderTests.gather(layout, Self.indices)
        #expect(
            try FastPathDirectReaderTests.gather(layout, Self.indices, cache: DecodedChunkCache(byteBudget: 0)) == bytes
        )
        let expected = Self.indices.flatMap { fixtureRow($0, rowShape: [9, 7]).map { Double($0) / 255 } }
        if layout.dtype == .float32 {
            let values = bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            #expect(values == expected.map { Float($0) })
        } else {
            let values = bytes.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
            #expect(values == expected)
        }
    }

    @Test func bigEndianIntegers() throws {
        let path = try formulaFile(
            "int16.h5", shape: [50, 4, 4], dtype: ">i2",
            options: "chunks=(8, 4, 4), compression='gzip', shuffle=True")
        let layout = try #require(try FastPathH5py.layout(file: path, dataset: "images"))
        let bytes = try FastPathDirectReaderTests.gather(layout, Self.indices)
        let values = bytes.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        #expect(values == Self.indices.flatMap { fixtureRow($0, rowShape: [4, 4]).map(Int16.init) })
    }

    @Test(arguments: [
        "chunks=(8, 4, 4), fletcher32=True", "chunks=(8, 4, 4), scaleoffset=0",
        "chunks=(8, 4, 4), compression='gzip', fletcher32=True",
    ])
    func filtersItCannotDecodeAreLeftToTheLibrary(options: String) throws {
        let path = try formulaFile("fletcher.h5", shape: [50, 4, 4], options: options)
        #expect(try FastPathH5py.layout(file: path, dataset: "images") == nil)
    }
}
