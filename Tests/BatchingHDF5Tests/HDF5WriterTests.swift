import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// Writer → reader round trips for every element type, layout and byte order.
struct HDF5WriterTests {
    static let storages: [(String, HDF5Storage)] = [
        ("contiguous", .contiguous),
        ("chunked", .chunked([4, 5, 3])),
        ("gzip+shuffle", .chunked([4, 2, 3], gzip: 6, shuffle: true)),
        ("compact", .compact),
    ]

    /// A tensor of `dtype` with varied contents (extremes, negatives, fractions).
    static func sample(_ dtype: DType, shape: [Int] = [13, 5, 3]) -> Tensor {
        let count = shape.reduce(1, *)
        var generator = CounterRandom(
            seed: UInt64(dtype.byteWidth) &* 977 &+ UInt64(dtype.rawValue.count), purpose: .augmentation)
        switch dtype {
        case .bool: return Tensor(shape: shape, scalars: (0..<count).map { $0 % 3 == 0 })
        case .float32: return Tensor(shape: shape, scalars: (0..<count).map { Float($0) * -1.25 + 0.3 })
        case .float64: return Tensor(shape: shape, scalars: (0..<count).map { Double($0) * 1e-3 - 7.5e10 })
        default:
            let bytes = (0..<(count * dtype.byteWidth)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            return bytes.withUnsafeBytes { Tensor(dtype: dtype, shape: shape, copyingBytes: $0) }
        }
    }

    @Test(arguments: DType.allCases)
    func everyTypeLayoutAndByteOrderRoundTrips(dtype: DType) throws {
        let folder = try FixturePaths.temporaryDirectory("writer")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("all.h5").path
        let tensor = Self.sample(dtype)
        let writer = try HDF5Writer(creating: path)
        for (name, storage) in Self.storages {
            for order in [HDF5ByteOrder.little, .big] {
                try writer.write(tensor, to: "\(name)/\(order.rawValue)", storage: storage, byteOrder: order)
            }
        }
        try writer.close()

        let file = try HDF5File(path: path)
        for (name, storage) in Self.storages {
            for order in [HDF5ByteOrder.little, .big] {
                let info = try #require(file.root.dataset(at: "\(name)/\(order.rawValue)"))
                #expect(info.shape == tensor.shape)
                #expect(info.dtype == dtype)
                if dtype.byteWidth > 1 { #expect(info.elementType.byteOrder == order) }
                #expect(info.layout == storage.layout)
                #expect(info.chunkShape == storage.chunkShape)
                #expect(info.filters.map(\.id) == (storage.shuffle ? [2] : []) + (storage.gzipLevel == nil ? [] : [1]))
                for readPath in FixtureFormula.readPaths {
                    let column = try HDF5Column(file: file, dataset: info.path, readPath: readPath)
                    #expect(try column.readAll() == tensor, "\(dtype) \(name) \(order) via \(readPath)")
                    let indices = [12, 0, 5, 5, 11, 3, 12]
                    #expect(
                        try column.gatherRows(indices) == tensor.gatherRows(indices),
                        "\(dtype) \(name) \(order) via \(readPath)")
                }
            }
        }
    }

    @Test func attributesGroupsAndSoftLinks() throws {
        let folder = try FixturePaths.temporaryDirectory("writer")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tree.h5").path
        let writer = try HDF5Writer(creating: path)
        try writer.createGroup("a/b/c")
        try writer.write(Tensor([Int64(1), 2, 3]), to: "a/b/labels")
        try writer.setAttribute("class_names", strings: ["zéro", "one", "twenty-two"], on: "a")
        try writer.setAttribute("scale", numbers: [0.5, 2], on: "a/b/labels")
        try writer.setAttribute("description", strings: ["root text"], on: "/")
        try writer.createSoftLink(at: "y", to: "/a/b/labels")
        try writer.createSoftLink(at: "dangling", to: "/nowhere")
        try writer.close()

        let file = try HDF5File(path: path)
        #expect(file.root.attributes.first?.value == .strings(["root text"]))
        #expect(file.root.group(at: "a")?.attributes.first?.value.strings == ["zéro", "one", "twenty-two"])
        #expect(file.root.group(at: "a/b/c") != nil)
        #expect(file.root.dataset(at: "a/b/labels")?.attribute("scale") == .numbers([0.5, 2]))
        #expect(file.root.allSoftLinks.map(\.path).sorted() == ["dangling", "y"])
        #expect(file.root.dataset(at: "y")?.path == "a/b/labels")
        let viaLink = try HDF5Column(file: file, dataset: "y")
        #expect(try viaLink.readAll() == Tensor([Int64(1), 2, 3]))
    }

    @Test func h5pyReadsWhatTheWriterWrites() throws {
        let folder = try FixturePaths.temporaryDirectory("writer")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("py.h5").path
        let writer = try HDF5Writer(creating: path)
        try writer.write(
            Tensor(shape: [4, 2], scalars: (0..<8).map { Int32($0 * 1000 - 3000) }), to: "g/x",
            storage: .chunked([2, 2], gzip: 4, shuffle: true), byteOrder: .big)
        try writer.write(Tensor(shape: [3], scalars: [true, false, true]), to: "flags")
        try writer.setAttribute("class_names", strings: ["cat", "dog"], on: "g")
        try writer.close()
        let script = """
            import h5py, sys
            f = h5py.File(sys.argv[1], 'r')
            x = f['g/x']
            print(x.dtype.str, x.chunks, x.compression, x.shuffle, x[:].ravel().tolist())
            print(f['flags'].dtype, f['flags'][:].tolist(), [s.decode() for s in f['g'].attrs['class_names']])
            """
        let result = try Python.run(script, arguments: [path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardOutput == """
                >i4 (2, 2) gzip True [-3000, -2000, -1000, 0, 1000, 2000, 3000, 4000]
                bool [True, False, True] ['cat', 'dog']

                """)
    }

    @Test func emptyAndOneDimensionalDatasets() throws {
        let folder = try FixturePaths.temporaryDirectory("writer")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("empty.h5").path
        let writer = try HDF5Writer(creating: path)
        try writer.write(
            Tensor(zeros: .uint8, shape: [0, 8, 8]), to: "images", storage: .chunked([16, 8, 8], gzip: 4))
        try writer.write(Tensor(zeros: .int64, shape: [0]), to: "labels")
        try writer.close()
        let column = try HDF5Column(file: HDF5File(path: path), dataset: "images")
        #expect(column.rowCount == 0 && column.rowShape == [8, 8])
        #expect(try column.gatherRows([]).shape == [0, 8, 8])
    }
}
