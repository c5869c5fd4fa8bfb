import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// Every fixture written by h5py, read back and checked byte for byte against its formula.
struct FixtureReadingTests {
    @Test(arguments: FixtureFormula.readPaths)
    func mnistSmallEveryByte(readPath: HDF5ReadPath) throws {
        let file = try HDF5File(path: FixturePaths.fixture("mnist_small.h5"))
        let images = try HDF5Column(file: file, dataset: "images", readPath: readPath)
        #expect(images.dtype == .uint8 && images.rowShape == [28, 28] && images.rowCount == 500)
        let all = try images.readAll()
        #expect(
            all.scalars(UInt8.self)
                == FixtureFormula.expectedNHWC(samples: Array(0..<500), height: 28, width: 28, channels: 1))
        let labels = try HDF5Column(file: file, dataset: "labels").readAll()
        #expect(labels.dtype == .int64)
        #expect(labels.scalars(Int64.self) == (0..<500).map { Int64($0 % 10) })
    }

    @Test(arguments: FixtureFormula.readPaths)
    func rgbChunkedGzipEveryByteAndClassNames(readPath: HDF5ReadPath) throws {
        let file = try HDF5File(path: FixturePaths.fixture("rgb_chunked_gzip.h5"))
        let info = try #require(file.root.dataset(at: "train/images"))
        #expect(info.layout == .chunked && info.chunkShape == [16, 32, 32, 3])
        #expect(info.filters.map(\.id) == [2, 1] && info.filters.map(\.name) == ["shuffle", "gzip"])
        #expect(info.filters[1].parameters.first == 4)
        let images = try HDF5Column(file: file, dataset: "train/images", readPath: readPath).readAll()
        #expect(
            images.scalars(UInt8.self)
                == FixtureFormula.expectedNHWC(samples: Array(0..<300), height: 32, width: 32, channels: 3))
        let labels = try HDF5Column(file: file, dataset: "train/labels").readAll()
        #expect(labels.dtype == .int32 && labels.scalars(Int32.self) == (0..<300).map { Int32($0 % 5) })
        #expect(
            file.root.group(at: "train")?.attributes.first?.value.strings == [
                "circle", "square", "triangle", "star", "ring",
            ])
    }

    @Test(arguments: FixtureFormula.readPaths)
    func nchwFloatEveryValue(readPath: HDF5ReadPath) throws {
        let file = try HDF5File(path: FixturePaths.fixture("nchw_float.h5"))
        let x = try HDF5Column(file: file, dataset: "x", readPath: readPath).readAll()
        #expect(x.dtype == .float32 && x.shape == [200, 3, 16, 16])
        var expected = [Float]()
        for i in 0..<200 {
            for ch in 0..<3 {
                for r in 0..<16 {
                    for c in 0..<16 {
                        expected.append(Float(FixtureFormula.value(i, r, c, ch)) / 255)
                    }
                }
            }
        }
        let got = x.scalars(Float.self)
        #expect(zip(got, expected).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(
            try HDF5Column(file: file, dataset: "y").readAll().scalars(UInt8.self) == (0..<200).map { UInt8($0 % 4) })
    }

    @Test func imbalancedPixelsAndClassCounts() throws {
        let file = try HDF5File(path: FixturePaths.fixture("imbalanced.h5"))
        let images = try HDF5Column(file: file, dataset: "images").readAll()
        #expect(
            images.scalars(UInt8.self)
                == FixtureFormula.expectedNHWC(samples: Array(0..<800), height: 12, width: 12, channels: 1))
        let labels = try HDF5Column(file: file, dataset: "labels").readAll().scalars(Int64.self)
        var counts = [Int](repeating: 0, count: 9)
        for label in labels { counts[Int(label)] += 1 }
        #expect(counts == [400, 200, 100, 50, 25, 13, 7, 3, 2])
        #expect(labels != labels.sorted()) // shuffled, not grouped
    }

    @Test func timeseriesValues() throws {
        let file = try HDF5File(path: FixturePaths.fixture("timeseries.h5"))
        let x = try HDF5Column(file: file, dataset: "x").readAll()
        #expect(x.shape == [64, 200, 3])
        let values = x.scalars(Float.self)
        var worst: Float = 0
        for i in 0..<64 {
            for t in 0..<200 {
                for ch in 0..<3 {
                    let expected = Float(sin(Double(t) / Double(5 + i % 7)))
                    worst = max(worst, abs(values[(i * 200 + t) * 3 + ch] - expected))
                }
            }
        }
        #expect(worst < 3e-6)
        #expect(
            try HDF5Column(file: file, dataset: "y").readAll().scalars(Int64.self) == (0..<64).map { Int64($0 % 2) })
    }

    @Test func kaggleFilesContinueTheGlobalIndex() throws {
        var start = 0
        for (k, n) in [50, 48, 47, 45].enumerated() {
            let file = try HDF5File(path: FixturePaths.fixture("kaggle_dir/batch_\(k).h5"))
            let images = try HDF5Column(file: file, dataset: "images").readAll()
            #expect(
                images.scalars(UInt8.self)
                    == FixtureFormula.expectedNHWC(
                        samples: Array(start..<(start + n)), height: 20, width: 20, channels: 3))
            let labels = try HDF5Column(file: file, dataset: "labels").readAll().scalars(Int64.self)
            #expect(labels == (start..<(start + n)).map { Int64($0 % 10) })
            start += n
        }
    }

    @Test(arguments: FixtureFormula.readPaths)
    func unsortedAndRepeatedIndicesFromChunkedGzip(readPath: HDF5ReadPath) throws {
        let file = try HDF5File(path: FixturePaths.fixture("rgb_chunked_gzip.h5"))
        let images = try HDF5Column(file: file, dataset: "train/images", readPath: readPath)
        let indices = [299, 0, 17, 17, 16, 150, 3, 299, 1]
        let rows = try images.gatherRows(indices)
        #expect(rows.shape == [9, 32, 32, 3])
        #expect(
            rows.scalars(UInt8.self)
                == FixtureFormula.expectedNHWC(samples: indices, height: 32, width: 32, channels: 3))
    }

    @Test func describesEveryFixture() throws {
        let names = ["mnist_small.h5", "rgb_chunked_gzip.h5", "nchw_float.h5", "imbalanced.h5", "timeseries.h5"]
        for name in names {
            let file = try HDF5File(path: FixturePaths.fixture(name))
            #expect(!file.root.allDatasets.isEmpty)
            for info in file.root.allDatasets { #expect(info.dtype != nil && info.elementType.byteOrder == .little) }
        }
        let mnist = try HDF5File(path: FixturePaths.fixture("mnist_small.h5")).dataset("images")
        #expect(mnist.info.layout == .contiguous && mnist.contiguousFileOffset() != nil)
    }
}
