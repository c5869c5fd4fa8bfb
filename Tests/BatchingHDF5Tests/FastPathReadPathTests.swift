import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// Every read path returns the same bytes: the library path, the direct path (contiguous and
/// chunked, cold and from the cache) and the automatic choice, on fixtures h5py wrote and on files
/// this project's writer writes.
@Suite("Read paths agree")
struct FastPathReadPathTests {
    static let indices = [5, 3, 3, 0, 17, 16, 15, 40, 39, 2, 41, 5]

    /// Reads `indices` of `dataset` in `file` through every path (the direct one with each
    /// inflater) and checks they agree; returns the rows.
    @discardableResult
    static func readEveryWay(_ file: String, _ dataset: String, _ indices: [Int] = indices) throws -> Tensor {
        let opened = try HDF5File(path: file)
        let library = try HDF5Column(file: opened, dataset: dataset, readPath: .library)
        let automatic = try HDF5Column(file: opened, dataset: dataset, readPath: .automatic)
        #expect(automatic.reader is DirectRowReader)
        let expected = try library.gatherRows(indices)
        for deflate in DeflateDecoder.allCases {
            let direct = try HDF5Column(file: opened, dataset: dataset, readPath: .direct, deflate: deflate)
            #expect(try direct.gatherRows(indices) == expected, "\(deflate)")
            #expect(try direct.gatherRows(indices) == expected, "\(deflate)") // again: chunks from the cache
            #expect(try direct.gatherRows(indices.sorted()) == library.gatherRows(indices.sorted()), "\(deflate)")
            #expect(try direct.readAll() == library.readAll(), "\(deflate)")
        }
        #expect(try automatic.gatherRows(indices) == expected)
        // Raw chunks copied out by the library (the store used for datasets of many chunks).
        if try opened.dataset(dataset).info.layout == .chunked {
            let raw = try DirectRowReader.make(
                for: opened.dataset(dataset), cache: DecodedChunkCache(byteBudget: 0),
                locateChunksUpTo: 0
            ).get()
            guard case .library = raw.chunkedReader?.store else {
                Issue.record("locateChunksUpTo: 0 should read raw chunks through the library")
                return expected
            }
            #expect(try gather(raw, indices) == expected)
        }
        return expected
    }

    /// The rows at `indices` read through `reader` directly: plan, read the runs, scatter.
    static func gather(_ reader: DirectRowReader, _ indices: [Int]) throws -> Tensor {
        let info = reader.dataset.info
        let plan = RowGatherPlan(indices: indices)
        var staged = Tensor(zeros: info.dtype!, shape: [plan.rowsRead] + info.rowShape)
        try staged.withUnsafeMutableBytes { try reader.readRuns(plan.runs, into: $0) }
        return try staged.gatherRows(plan.sourcePositions ?? Array(indices.indices))
    }

    static func formulaTensor(rows: Int, rowShape: [Int]) -> Tensor {
        Tensor(shape: [rows] + rowShape, scalars: (0..<rows).flatMap { fixtureRow($0, rowShape: rowShape) })
    }

    @Test func mnistSmallContiguous() throws {
        let rows = try Self.readEveryWay(FixturePaths.fixture("mnist_small.h5"), "images", [499, 0, 250, 250, 1])
        #expect(try rows == Self.formulaTensor(rows: 500, rowShape: [28, 28]).gatherRows([499, 0, 250, 250, 1]))
    }

    @Test func rgbChunkedShuffleGzip() throws {
        let indices = [299, 0, 16, 15, 15, 100, 287, 288]
        let rows = try Self.readEveryWay(FixturePaths.fixture("rgb_chunked_gzip.h5"), "train/images", indices)
        #expect(try rows == Self.formulaTensor(rows: 300, rowShape: [32, 32, 3]).gatherRows(indices))
    }

    @Test func nchwFloat() throws {
        try Self.readEveryWay(FixturePaths.fixture("nchw_float.h5"), "x", [199, 0, 7, 7])
    }

    @Test func labelColumns() throws {
        try Self.readEveryWay(FixturePaths.fixture("rgb_chunked_gzip.h5"), "train/labels", [299, 0, 7, 7])
        try Self.readEveryWay(FixturePaths.fixture("mnist_small.h5"), "labels", [499, 0, 7, 7])
    }

    @Test(
        arguments: [
            HDF5Storage.chunked([7, 5, 28]),
            .chunked([3, 28, 9], gzip: 4),
            .chunked([16, 28, 28], gzip: 1, shuffle: true),
            .chunked([50, 3, 3], gzip: 9, shuffle: true),
            .contiguous,
        ], [HDF5ByteOrder.little, .big])
    func writerFilesWithOddChunks(storage: HDF5Storage, order: HDF5ByteOrder) throws {
        let folder = try FixturePaths.temporaryDirectory("fastpath")
        let path = folder.appendingPathComponent("odd.h5").path
        let bytes = Self.formulaTensor(rows: 45, rowShape: [28, 28])
        let floats = bytes.convertedToFloat32()
        let wide = Tensor(shape: [45, 28, 28], scalars: bytes.scalars(as: UInt8.self).map { Int16($0) - 100 })
        let writer = try HDF5Writer(creating: path)
        try writer.write(bytes, to: "bytes", storage: storage, byteOrder: order)
        try writer.write(floats, to: "floats", storage: storage, byteOrder: order)
        try writer.write(wide, to: "group/wide", storage: storage, byteOrder: order)
        try writer.close()
        #expect(try Self.readEveryWay(path, "bytes") == bytes.gatherRows(Self.indices))
        #expect(try Self.readEveryWay(path, "floats") == floats.gatherRows(Self.indices))
        #expect(try Self.readEveryWay(path, "group/wide") == wide.gatherRows(Self.indices))
    }

    @Test func oneDimensionalChunkedLabels() throws {
        let folder = try FixturePaths.temporaryDirectory("fastpath")
        let path = folder.appendingPathComponent("labels.h5").path
        let labels = Tensor((0..<1000).map { Int64($0 % 7) })
        let writer = try HDF5Writer(creating: path)
        try writer.write(labels, to: "labels", storage: .chunked([64], gzip: 4, shuffle: true), byteOrder: .big)
        try writer.close()
        let picked = [999, 0, 64, 63, 63, 500]
        #expect(try Self.readEveryWay(path, "labels", picked) == labels.gatherRows(picked))
    }

    // Bitshuffle stays on Debian's plugin (LZF, LZ4, Blosc and Zstd are decoded here: DirectCodecTests).
    @Test(arguments: [
        "chunks=(8, 4, 4), fletcher32=True", "chunks=(8, 4, 4), compression='gzip', fletcher32=True",
        "chunks=(8, 4, 4), scaleoffset=0", "chunks=(8, 4, 4), **__import__('hdf5plugin').Bitshuffle()",
        "chunks=(8, 4, 4), compression='gzip', fillvalue=9, maxshape=(100, 4, 4)",
    ])
    func datasetsItCannotReadFallBackToTheLibrary(options: String) throws {
        let folder = try FixturePaths.temporaryDirectory("fastpath")
        let path = folder.appendingPathComponent("fallback.h5").path
        if options.contains("maxshape") {
            // Rows 50..<100 are never written: their chunks read as the fill value.
            _ = try FastPathH5py.run(
                """
                with h5py.File('\(path)', 'w') as f:
                    d = f.create_dataset('images', shape=(100, 4, 4), dtype='u1', \(options))
                    d[:50] = np.arange(50 * 16).reshape(50, 4, 4) % 256
                """)
        } else {
            try FastPathH5py.writeFormulaFile(path, shape: [50, 4, 4], options: options)
        }
        let file = try HDF5File(path: path)
        #expect(throws: HDF5Error.self) { try HDF5Column(file: file, dataset: "images", readPath: .direct) }
        let automatic = try HDF5Column(file: file, dataset: "images", readPath: .automatic)
        #expect(automatic.reader is HDF5LibraryRowReader)
        let library = try HDF5Column(file: file, dataset: "images", readPath: .library)
        let picked = [49, 3, 3, 0] + (options.contains("maxshape") ? [99, 60] : [])
        #expect(try automatic.gatherRows(picked) == library.gatherRows(picked))
    }

    @Test func compactAndExternalStorageFallBack() throws {
        let folder = try FixturePaths.temporaryDirectory("fastpath")
        let path = folder.appendingPathComponent("storage.h5").path
        let raw = folder.appendingPathComponent("external.bin").path
        _ = try FastPathH5py.run(
            """
            data = (np.arange(20 * 6) % 256).astype('u1').reshape(20, 6)
            data.tofile('\(raw)')
            with h5py.File('\(path)', 'w') as f:
                f.create_dataset('external', shape=(20, 6), dtype='u1', external=[('\(raw)', 0, 120)])
                dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE); dcpl.set_layout(h5py.h5d.COMPACT)
                space = h5py.h5s.create_simple((20, 6))
                d = h5py.h5d.create(f.id, b'compact', h5py.h5t.NATIVE_UINT8, space, dcpl=dcpl)
                d.write(h5py.h5s.ALL, h5py.h5s.ALL, data)
            """)
        let file = try HDF5File(path: path)
        for name in ["external", "compact"] {
            if case .success = DirectLayout.discover(try file.dataset(name)) {
                Issue.record("\(name) should not be eligible")
            }
            let automatic = try HDF5Column(file: file, dataset: name, readPath: .automatic)
            #expect(automatic.reader is HDF5LibraryRowReader)
            let rows = try automatic.gatherRows([19, 0, 0])
            #expect(rows.scalars(as: UInt8.self) == [19, 0, 0].flatMap { row in (0..<6).map { UInt8(row * 6 + $0) } })
        }
    }

    @Test func aTruncatedChunkIsAnErrorNamingTheDataset() throws {
        let folder = try FixturePaths.temporaryDirectory("fastpath")
        let path = folder.appendingPathComponent("damaged.h5").path
        try FileManager.default.copyItem(atPath: FixturePaths.fixture("rgb_chunked_gzip.h5"), toPath: path)
        let file = try HDF5File(path: path)
        let dataset = try file.dataset("train/images")
        let chunk = try #require(try dataset.chunkLocations().first { $0.origin.first == 0 })
        // Scribble over the middle of the first chunk's deflate stream.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: chunk.fileOffset + UInt64(chunk.storedSize / 2))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 64))
        try handle.close()
        let direct = try HDF5Column(file: HDF5File(path: path), dataset: "train/images", readPath: .direct)
        do {
            _ = try direct.gatherRows([3])
            Issue.record("a damaged chunk must not read")
        } catch let error as HDF5Error {
            #expect(error.description.contains("train/images") && error.description.contains("damaged.h5"))
        }
    }

    /// A chunk whose stream is damaged only at its end (its Adler-32) is refused by libhdf5; so is
    /// it when the cache is too small to hold the dataset and only a chunk's first rows are kept
    /// (it used to be inflated only up to those rows, and read).
    @Test(arguments: [DeflateDecoder.exact, .zlib])
    func aChunkDamagedAtItsEndIsRefusedWhenOnlyItsFirstRowsAreWanted(deflate: DeflateDecoder) throws {
        let folder = try FixturePaths.temporaryDirectory("fastpath")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tail.h5").path
        try FileManager.default.copyItem(atPath: FixturePaths.fixture("rgb_chunked_gzip.h5"), toPath: path)
        let chunk = try #require(
            try HDF5File(path: path).dataset("train/images").chunkLocations().first { $0.origin.first == 0 })
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.seek(toOffset: chunk.fileOffset + UInt64(chunk.storedSize - 1))
        let last = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: chunk.fileOffset + UInt64(chunk.storedSize - 1))
        try handle.write(contentsOf: Data([last ^ 0x01]))
        try handle.close()
        let library = try HDF5Column(file: HDF5File(path: path), dataset: "train/images", readPath: .library)
        #expect(throws: (any Error).self, "libhdf5 refuses the chunk") { try library.gatherRows([0]) }
        let direct = try HDF5Column(
            file: HDF5File(path: path), dataset: "train/images", readPath: .direct,
            chunkCache: DecodedChunkCache(byteBudget: 0), deflate: deflate)
        #expect(throws: HDF5Error.self, "the direct path refuses it too") { try direct.gatherRows([0]) }
    }
}
