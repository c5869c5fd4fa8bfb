import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// Whole-file reads, as the notebook feeder (`--file-batches`) makes them: into pooled buffers,
/// in parts on several threads, and converted to float32 part by part.
@Suite struct WholeFileReadingTests {
    /// 100 rows of 100×100×3 bytes (about 3 MB: three parts of about 1 MiB), by the fixture formula.
    static let rows = 100, side = 100

    /// A folder with one contiguous and one gzip-chunked batch file, removed by the caller.
    static func makeFolder() throws -> URL {
        let folder = try FixturePaths.temporaryDirectory("whole-file")
        let images = Tensor(
            shape: [rows, side, side, 3],
            scalars: FixtureFormula.expectedNHWC(samples: Array(0..<rows), height: side, width: side, channels: 3))
        for (name, storage) in [
            ("batch_0.h5", HDF5Storage.contiguous), ("batch_1.h5", .chunked([7, side, side, 3], gzip: 1)),
        ] {
            let writer = try HDF5Writer(creating: folder.appendingPathComponent(name).path)
            try writer.write(images, to: "images", storage: storage)
            try writer.write(Tensor((0..<rows).map { Int64($0 % 10) }), to: "labels")
            try writer.close()
        }
        return folder
    }

    static let expected = FixtureFormula.expectedNHWC(samples: Array(0..<rows), height: side, width: side, channels: 3)

    @Test(arguments: [HDF5ReadPath.automatic, .library], [1, 3])
    func partsOnSeveralThreadsReadEveryByte(readPath: HDF5ReadPath, threads: Int) throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["batch_0.h5", "batch_1.h5"] {
            let column = try HDF5Column(
                file: HDF5File(path: folder.appendingPathComponent(name).path), dataset: "images",
                readPath: readPath)
            var bytes = Tensor(zeros: .uint8, shape: [0])
            try column.readAll(into: &bytes, threads: threads)
            #expect(bytes.shape == [Self.rows, Self.side, Self.side, 3])
            #expect(bytes.scalars(UInt8.self) == Self.expected, "\(name) \(readPath)")

            var floats = Tensor(zeros: .uint8, shape: [0])
            try column.readAllAsFloat32(into: &floats, threads: threads)
            #expect(floats.dtype == .float32 && floats.shape == bytes.shape)
            #expect(floats.scalars(Float.self) == Self.expected.map { Float($0) / 255 }, "\(name) \(readPath)")
        }
    }

    /// Float32 read a part at a time through one scratch, as file batches read: the same floats as
    /// the whole file read as bytes and converted at once (and as the fixture formula), batch
    /// after batch, with no buffer of the whole file's bytes made: 300 rows of 30,000 bytes (9 MB)
    /// are read directly in parts of 34 rows, and through libhdf5 or from 7-row chunks in pieces
    /// of about 8 MiB (279 rows, 273 rows: 39 whole chunks).
    @Test(arguments: [HDF5ReadPath.automatic, .library], [1, 2])
    func partsConvertedThroughOneScratchMatchTheWholeFileConverted(readPath: HDF5ReadPath, threads: Int) throws {
        let rows = 300
        let folder = try FixturePaths.temporaryDirectory("pieces")
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = FixtureFormula.expectedNHWC(
            samples: Array(0..<rows), height: Self.side, width: Self.side, channels: 3
        ).map { Float($0) / 255 }
        let images = Tensor(
            shape: [rows, Self.side, Self.side, 3],
            scalars: FixtureFormula.expectedNHWC(
                samples: Array(0..<rows), height: Self.side, width: Self.side, channels: 3))
        for (index, storage) in [HDF5Storage.contiguous, .chunked([7, Self.side, Self.side, 3], gzip: 1)].enumerated() {
            let path = folder.appendingPathComponent("batch_\(index).h5").path
            let writer = try HDF5Writer(creating: path)
            try writer.write(images, to: "images", storage: storage)
            try writer.close()
            let column = try HDF5Column(file: HDF5File(path: path), dataset: "images", readPath: readPath)
            var bytes = Tensor(zeros: .uint8, shape: [0])
            try column.readAll(into: &bytes)
            let wholeConverted = bytes.convertedToFloat32().withUnsafeBytes { Array($0) }
            let scratch = ReadScratch()
            var floats = Tensor(zeros: .uint8, shape: [0])
            for batch in 0..<2 {
                try column.readAllAsFloat32(into: &floats, threads: threads, scratch: scratch)
                #expect(floats.withUnsafeBytes { Array($0) } == wholeConverted, "\(storage) batch \(batch)")
            }
            #expect(floats.scalars(Float.self) == expected)
            #expect(scratch.bufferCount >= 1 && scratch.bufferCount <= threads)
            #expect(scratch.bytesKept < rows * column.dataset.info.bytesPerRow, "no whole-file buffer: \(storage)")
        }
    }

    @Test func onlyDirectContiguousReadsAreSplitAcrossThreads() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("batch_0.h5").path
        #expect(
            try HDF5Column(file: HDF5File(path: file), dataset: "images", readPath: .direct).reader.readsPartsInParallel
        )
        #expect(
            try !HDF5Column(file: HDF5File(path: file), dataset: "images", readPath: .library).reader
                .readsPartsInParallel)
        let chunked = folder.appendingPathComponent("batch_1.h5").path
        #expect(
            try !HDF5Column(file: HDF5File(path: chunked), dataset: "images", readPath: .direct).reader
                .readsPartsInParallel)
    }

    @Test func aFittingDestinationIsReusedAndAnotherReplaced() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let column = try HDF5Column(
            file: HDF5File(path: folder.appendingPathComponent("batch_0.h5").path), dataset: "images")
        var destination = Tensor(zeros: .uint8, shape: [Self.rows, Self.side, Self.side, 3])
        let before = destination.withUnsafeBytes { $0.baseAddress }
        try column.readAll(into: &destination, threads: 2)
        #expect(destination.withUnsafeBytes { $0.baseAddress } == before)
        #expect(destination.scalars(UInt8.self) == Self.expected)

        var wrongType = Tensor(zeros: .float32, shape: [Self.rows, Self.side, Self.side, 3])
        try column.readAll(into: &wrongType)
        #expect(wrongType.dtype == .uint8 && wrongType.scalars(UInt8.self) == Self.expected)
    }

    @Test(arguments: [true, false])
    func fileBatchesReusePooledBuffersAndMatchFreshOnes(scaling: Bool) throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try HDF5Source.open(folder.path)
        let single = data.fileBatches(scalingImages: scaling)
        let split = data.fileBatches(scalingImages: scaling, threadsPerFile: 2)
        let options = BatchOptions(batchSize: 1)
        var pooled: Batch?
        for batch in 0..<2 {
            let address = BatchAddress(epoch: 0, batch: batch)
            let fresh = try single.batch(at: address, options)
            let held = pooled.map { $0.columns[0].withUnsafeBytes { $0.baseAddress } }
            try split.batch(at: address, options, reusing: &pooled)
            let reused = try #require(pooled)
            if let held {
                #expect(
                    reused.columns[0].withUnsafeBytes { $0.baseAddress } == held, "batch \(batch) reuses the buffer")
            }
            #expect(reused.indices == fresh.indices && reused.address == address)
            #expect(reused.columns[0].dtype == (scaling ? .float32 : .uint8))
            #expect(reused.columns[0].withUnsafeBytes { Array($0) } == fresh.columns[0].withUnsafeBytes { Array($0) })
            #expect(reused.columns[1].scalars(Int64.self) == (0..<Self.rows).map { Int64($0 % 10) })
        }
        // Scaled, every part went through the source's scratch, which kept at most one buffer per
        // thread for the next batch; bytes read as they are need none.
        #expect(split.scratch.bufferCount <= (scaling ? 2 : 0))
        #expect((split.scratch.bufferCount > 0) == scaling)
    }
}
