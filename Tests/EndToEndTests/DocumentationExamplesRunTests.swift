import Batching
import Foundation
import TestSupport
import Testing

@testable import BatchingHDF5

/// The examples run on Assets/digits.h5 and the shared fixtures.
@Suite struct DocumentationExamplesRunTests {
    static let digitsPath = FixturePaths.packageRoot.appendingPathComponent("Assets/digits.h5").path

    /// digits.h5 in memory: images uint8 (1797, 8, 8), labels int64.
    static func digits() throws -> (x: Tensor, y: Tensor) {
        let source = try HDF5Source.open(digitsPath)
        let all = Array(0..<source.sampleCount)
        return (try source.images.gatherRows(all), try source.labels!.gatherRows(all))
    }

    /// The examples that open "Assets/digits.h5" as the docs write it need the package root as the
    /// working directory, which `swift test` run there gives.
    static func requirePackageRootAsWorkingDirectory() throws {
        try #require(
            FileManager.default.fileExists(atPath: "Assets/digits.h5"),
            "run the tests from the package root: the documented examples open Assets/digits.h5 relative to it")
    }

    @Test func quickStartVisitsEveryBatch() throws {
        let (x, y) = try Self.digits()
        var batches = try DocumentationExamples.quickStart(trainX: x, trainY: y)
        #expect(batches.batchCount == 29) // ⌈1797 / 64⌉
        #expect(batches.options.order == .shuffled(seed: 12345))
        #expect(try batches.next() == nil)
    }

    @Test func aSubsetIsReadInTheOrderOfItsIndices() throws {
        let (x, y) = try Self.digits()
        let source = try DocumentationExamples.subset(trainX: x, trainY: y, subsetA: [5, 3, 1000])
        let batch = try source.batch(at: BatchAddress(epoch: 0, batch: 0), BatchOptions(batchSize: 10))
        #expect(batch.indices == [5, 3, 1000])
        #expect(batch.columns[1] == (try y.gatherRows([5, 3, 1000])))
    }

    @Test func augmentationReplaysFromTheAddress() throws {
        let (x, y) = try Self.digits()
        let augmented = try DocumentationExamples.augmentation(trainX: x, trainY: y)
        let options = BatchOptions(batchSize: 16, order: .shuffled(seed: 4))
        let address = BatchAddress(epoch: 1, batch: 3)
        let first = try augmented.batch(at: address, options)
        #expect(try augmented.batch(at: address, options).columns == first.columns)
        let raw = try x.gatherRows(first.indices).scalars(as: UInt8.self)
        let flipped = first.columns[0].scalars(as: UInt8.self)
        var mirrored = 0
        for sample in 0..<16 {
            let original = Array(raw[(sample * 64)..<(sample * 64 + 64)])
            let seen = Array(flipped[(sample * 64)..<(sample * 64 + 64)])
            let mirror = (0..<8).flatMap { row in original[(row * 8)..<(row * 8 + 8)].reversed() }
            #expect(seen == original || seen == mirror)
            if seen != original { mirrored += 1 }
        }
        #expect(mirrored > 0 && mirrored < 16)
    }

    @Test func weightedSamplingDrawsFullBatchesOfWeightedSamplesOnly() throws {
        let (x, y) = try Self.digits()
        let trainW = (0..<1797).map { $0 % 3 == 0 ? 1.0 : 0.0 }
        let (source, subsetSampler) = try DocumentationExamples.sampleWeighting(
            trainX: x, trainY: y, trainW: trainW, subsetW: [1, 2, 3], subsetA: [10, 20, 30], n: 1797)
        let options = BatchOptions(batchSize: 64, order: .shuffled(seed: 9))
        #expect(try source.batchCount(options) == 29) // as many draws as weights, rounded up to whole batches
        let batch = try source.batch(at: BatchAddress(epoch: 0, batch: 28), options)
        #expect(batch.count == 64 && batch.indices.allSatisfy { $0 % 3 == 0 })
        let drawn = try subsetSampler.indices(epoch: 0, pass: 0, positions: Array(0..<50), order: .shuffled(seed: 9))
        #expect(Set(drawn).isSubset(of: [10, 20, 30]))
    }

    @Test func classBalancingGivesEveryClassTheSameWeight() throws {
        let labels = try Self.digits().y.integerScalars()!
        let (sampler, weights) = try DocumentationExamples.classBalancing(trainY: labels)
        let counts = Dictionary(grouping: labels, by: { $0 }).mapValues(\.count)
        for (i, label) in labels.enumerated() {
            #expect(abs(weights[i] - 1 / Double(counts[label]! * counts.count)) < 1e-12) // 1/(count_c · K)
        }
        let probabilities = sampler.targetProbabilities()
        for label in counts.keys {
            let total = labels.indices.filter { labels[$0] == label }.reduce(0) { $0 + probabilities[$1] }
            #expect(abs(total - 0.1) < 1e-9)
        }
    }

    @Test func twoSourcesGiveFlattenedAndStructuredColumns() throws {
        let (x, y) = try Self.digits()
        let both = try DocumentationExamples.twoSources(
            labX: try x.gatherRows(Array(0..<100)), labY: try y.gatherRows(Array(0..<100)),
            unlabX: try x.gatherRows(Array(100..<350)))
        let options = BatchOptions(batchSize: 32, order: .shuffled(seed: 2))
        #expect(try both.batchCount(options) == 8) // the finite member, 250 samples, sets the length
        let batch = try both.batch(at: BatchAddress(epoch: 0, batch: 7), options)
        #expect(batch.columns.count == 3 && batch.members.count == 2 && batch.members[0].columns.count == 2)
        #expect(batch.members.map(\.count) == [26, 26]) // trimmed to the shortest, as BatchUp's default trim=True does
    }

    @Test func hdf5FilesAreColumns() throws {
        try Self.requirePackageRootAsWorkingDirectory()
        let (data, source, scaled, perFile) = try DocumentationExamples.hdf5Files()
        #expect(source.sampleCount == 1797 && source.columns.count == 2)
        #expect(scaled.dtype == .float32)
        let row = try scaled.gatherRows([7]).scalars(as: Float.self)
        let bytes = try data.images.gatherRows([7]).scalars(as: UInt8.self)
        #expect(row == bytes.map { Float($0) / 255 })
        #expect(try perFile.batchCount(BatchOptions(batchSize: 1)) == 1) // one file, one batch
    }

    @Test func aPreprocessedBatchShowsRawAndCroppedAndFlipped() throws {
        let mnist = try HDF5Source.open(FixturePaths.fixture("mnist_small.h5"))
        let options = BatchOptions(batchSize: 16, order: .shuffled(seed: 3))
        let view = try DocumentationExamples.preprocessing(source: try mnist.dataSource(), options: options)
        #expect(view.raw.address == BatchAddress(epoch: 2, batch: 7))
        #expect(view.slices.count == 1 && view.slices[0].images.shape == [16, 24, 24])
        let raw = view.raw.columns[0].scalars(as: UInt8.self)
        let cropped = view.slices[0].images.scalars(as: UInt8.self)
        for (sample, origin) in view.slices[0].origin.samples.enumerated() {
            #expect(origin.box.height == 24 && origin.box.width == 24)
            for r in 0..<24 {
                var row = (0..<24).map { raw[sample * 784 + (origin.box.top + r) * 28 + origin.box.left + $0] }
                if origin.flippedHorizontally { row.reverse() }
                #expect(Array(cropped[(sample * 576 + r * 24)..<(sample * 576 + r * 24 + 24)]) == row)
            }
        }
        let again = try DocumentationExamples.preprocessing(source: try mnist.dataSource(), options: options)
        #expect(again.slices[0].images == view.slices[0].images) // replayable to the byte
    }

    @Test func shardingTakesEveryWorldthOfThePaddedIndices() throws {
        let shard = try DocumentationExamples.sharding(n: 10)
        // PyTorch: [0…9] padded with its head to 12, rank 1 takes positions 1, 5, 9.
        #expect(try shard.indices(epoch: 0, pass: 0, positions: [0, 1, 2], order: .sequential) == [1, 5, 9])
    }

    @Test func aResumedIteratorContinuesWhereTheTokenWasTaken() throws {
        let (x, y) = try Self.digits()
        let options = BatchOptions(batchSize: 8, order: .shuffled(seed: 5))
        var (iterator, token, later) = try DocumentationExamples.jumpAndResume(
            source: try ArrayDataSource([x, y]), options: options)
        #expect(token.description.hasPrefix("bv1:3:120:10:"))
        let next = try #require(try iterator.next())
        let resumed = try #require(try later.next())
        #expect(resumed.address == BatchAddress(epoch: 3, batch: 120) && resumed.address == next.address)
        #expect(resumed.columns == next.columns)
    }

    @Test func predictionsAreConcatenatedAndSumsAveraged() throws {
        let (x, y) = try Self.digits()
        let testX = try x.gatherRows(Array(0..<300))
        let (predictions, means) = try DocumentationExamples.predictionsAndMeans(testX: testX, valX: x, valY: y)
        #expect(predictions.count == 1 && predictions[0] == DocumentationExamples.predict(testX))
        let labels = y.integerScalars()!
        #expect(abs(means[0] - Double(labels.reduce(0, +)) / 1797) < 1e-12)
        #expect(abs(means[1] - Double(labels.filter { $0 == 0 }.count) / 1797) < 1e-12)
    }

    @Test func theHDF5EntryPointDescribesTheDigits() throws {
        try Self.requirePackageRootAsWorkingDirectory()
        let (source, data, perFile, floats) = try DocumentationExamples.hdf5EntryPoint()
        #expect(source.classNames == (0...9).map(String.init))
        #expect(source.layout == .nhw)
        #expect(source.files.map(\.path) == ["Assets/digits.h5"])
        #expect(source.summary.contains("digits.h5"))
        #expect(data.sampleCount == 1797 && data.columns.count == 2)
        #expect(try perFile.batchCount(BatchOptions(batchSize: 1)) == 1)
        #expect(floats.dtype == .float32 && floats.rowShape == [8, 8])
    }

    @Test func theDocumentedReadPathsAreTheRealOnes() throws {
        let dataset = try HDF5File(path: Self.digitsPath).dataset("images")
        let (documented, reader) = try DocumentationExamples.chooseReader(for: dataset)
        #expect(documented == HDF5ReadPath.allCases.map(\.rawValue))
        #expect(reader is DirectRowReader) // chunked with shuffle and gzip: the direct reader takes it
    }

    @Test func timeseriesWindowsRunForThreeEpochs() throws {
        let series = try HDF5Source.open(FixturePaths.fixture("timeseries.h5"))
        let generator = try DocumentationExamples.timeseriesWindows(source: try series.dataSource())
        #expect(generator.endedEpochs == [0, 1, 2])
    }

    @Test func thePrefetchExampleDeliversTenEpochs() throws {
        let rgb = try HDF5Source.open(FixturePaths.fixture("rgb_chunked_gzip.h5"))
        let stats = try DocumentationExamples.prefetch(
            source: try rgb.dataSource(), options: BatchOptions(batchSize: 32))
        let snapshot = stats.snapshot()
        #expect(snapshot.batches == 100 && snapshot.samples == 3000) // 10 batches of 300 samples, 10 epochs
    }
}
