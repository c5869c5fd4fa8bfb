import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

/// The bundled demo datasets, opened through the documented entry point.
struct AssetsTests {
    static func asset(_ name: String) -> String {
        FixturePaths.packageRoot.appendingPathComponent("Assets").appendingPathComponent(name).path
    }

    @Test func digitsAreScikitLearnsDigits() throws {
        let source = try HDF5Source.open(Self.asset("digits.h5"))
        #expect(source.sampleCount == 1797 && source.images.rowShape == [8, 8] && source.layout == .nhw)
        #expect(source.classNames == (0..<10).map(String.init))
        let labels = try #require(source.labels).gatherRows(Array(0..<1797)).integerScalars() ?? []
        var counts = [Int](repeating: 0, count: 10)
        for label in labels { counts[label] += 1 }
        #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        // load_digits().images[0], pixel counts 0…16 stored as round(v * 255 / 16).
        let first: [Int] = [
            0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
            0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0,
        ]
        let row = try source.images.gatherRows([0]).scalars(UInt8.self)
        #expect(row == first.map { UInt8((Double($0) * 255 / 16).rounded(.toNearestOrEven)) })
    }

    @Test func imbalancedShapesAndTimeseries() throws {
        let shapes = try HDF5Source.open(Self.asset("shapes_imbalanced.h5"))
        #expect(shapes.layout == .nhwc && shapes.images.rowShape == [16, 16, 3])
        let labels = try #require(shapes.labels).gatherRows(Array(0..<shapes.sampleCount)).integerScalars() ?? []
        var counts = [Int](repeating: 0, count: 6)
        for label in labels { counts[label] += 1 }
        #expect(counts == [400, 200, 100, 40, 16, 8])
        let series = try HDF5Source.open(Self.asset("timeseries.h5"))
        #expect(series.layout == .ntc && series.images.dtype == .float32 && series.images.rowShape == [128, 3])
        #expect(series.classNames == ["sine", "square", "sawtooth", "bursts"])
    }

    @Test func assetsStaySmall() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.asset(""))
        let total = try names.reduce(0) { sum, name in
            sum + ((try FileManager.default.attributesOfItem(atPath: Self.asset(name))[.size] as? Int) ?? 0)
        }
        #expect(total < 2_000_000)
    }

    @Test func documentedEntryPoint() throws {
        // The example of docs/hdf5.md and HDF5Source's doc comment.
        let source = try HDF5Source.open(Self.asset("digits.h5"))
        let data = try source.dataSource()
        var batches = try data.batches(BatchOptions(batchSize: 64, order: .shuffled(seed: 1)))
        let batch = try #require(try batches.next())
        #expect(batch.columns.count == 2 && batch.columns[0].shape == [64, 8, 8])
        let floats = try Float32Column(source.images).gatherRows(batch.indices)
        #expect(floats.dtype == .float32 && floats.scalars(Float.self).allSatisfy { (0...1).contains($0) })
        #expect(source.summary.contains("1797 samples"))
    }
}
