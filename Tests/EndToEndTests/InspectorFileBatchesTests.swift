import BatchViewCore
import Batching
import BatchingHDF5
import Foundation
import TestSupport
import Testing

/// The inspector stepping through `kaggle_dir` one file per batch (`--file-batches`), checked
/// against the fixture's formula (4 files of 50, 48, 47, 45 samples of 20×20×3; global index i
/// continues across files; `value = (7i + 3r + c + 11ch) % 256`, `label = i % 10`) and against
/// `FileBatchesDataSource.fileIndex` for the shuffled file order.
@Suite struct InspectorFileBatchesTests {
    static let folder = FixturePaths.fixture("kaggle_dir")
    static let rowCounts = [50, 48, 47, 45]
    static let offsets = [0, 50, 98, 145, 190]

    /// The session `batchview DIR --file-batches` builds: the folder as one dataset of global
    /// indices, and each file as one batch read by the notebook feeder.
    static func session(
        shuffle: Bool = false, seed: UInt64 = 12345, preprocess: String? = nil,
        epochs: Int? = nil
    ) throws -> (InspectorSession, FileBatchesDataSource) {
        let source = try HDF5Source.open(folder)
        let feeder = source.fileBatches(scalingImages: false)
        let files = InspectedFileBatches(
            fileNames: source.files.map(\.name), rowCounts: source.perFile.map(\.images.rowCount),
            source: feeder,
            fileIndex: { address, options in
                try feeder.fileIndex(epoch: address.epoch, batch: address.batch, options)
            })
        var dataset = InspectedDataset(name: "kaggle_dir (4 files)", images: source.images, labels: source.labels)
        dataset.fileBatches = files
        if let preprocess {
            dataset.preprocessing = InspectedPreprocessing(
                try PreprocessSpec(preprocess).makePreprocessor(), name: preprocess, seed: seed)
        }
        let configuration = InspectorConfiguration(shuffle: shuffle, seed: seed, epochs: epochs)
        let session = try InspectorSession(
            dataset: dataset, configuration: configuration, colorMode: .none,
            environment: .fixed())
        return (session, feeder)
    }

    /// Every byte of the batch on screen is the formula's value for its global sample index.
    static func expectFormulaPixels(_ batch: LoadedBatch, file: Int) {
        #expect(batch.images.dtype == .uint8)
        #expect(batch.images.shape == [rowCounts[file], 20, 20, 3])
        var wrong = 0
        batch.images.withUnsafeBytes { bytes in
            for (row, i) in batch.indices.enumerated() {
                for r in 0..<20 {
                    for c in 0..<20 {
                        for ch in 0..<3
                        where bytes[((row * 20 + r) * 20 + c) * 3 + ch] != UInt8((7 * i + 3 * r + c + 11 * ch) % 256) {
                            wrong += 1
                        }
                    }
                }
            }
        }
        #expect(wrong == 0)
        #expect(batch.labels == batch.indices.map { $0 % 10 })
    }

    static func header(_ session: InspectorSession) -> String {
        session.render(width: 120, height: 30).text.split(separator: "\n").prefix(3).joined(separator: "\n")
    }

    @Test func batchKIsFileKWithItsGlobalIndicesAndPixels() throws {
        let (session, _) = try Self.session()
        #expect(session.batchCount == 4)
        for k in 0..<4 {
            let batch = try #require(session.current)
            #expect(batch.address == BatchAddress(epoch: 0, batch: k))
            #expect(batch.indices == Array(Self.offsets[k]..<Self.offsets[k + 1]))
            Self.expectFormulaPixels(batch, file: k)
            let header = Self.header(session)
            #expect(
                header.contains(
                    "epoch 0  batch \(k) of 4  file batch_\(k).h5  samples \(Self.offsets[k])…\(Self.offsets[k + 1] - 1)"
                ),
                "\(header)")
            #expect(header.contains("batch a file"))
            session.handle(.character("n"))
        }
        // After the last file, the next epoch starts again at file 0.
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 0))
        #expect(session.current?.indices == Array(0..<50))
    }

    @Test func nextPreviousAndNextEpochCrossFiles() throws {
        let (session, _) = try Self.session()
        session.go(to: BatchAddress(epoch: 0, batch: 3))
        session.handle(.character("n"))
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 0))
        #expect(session.current?.indices.first == 0)
        session.handle(.character("p"))
        #expect(session.state.address == BatchAddress(epoch: 0, batch: 3))
        #expect(session.current?.indices == Array(145..<190))
        session.handle(.character("p"))
        #expect(session.current?.indices == Array(98..<145))
        session.handle(.character("N"))
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 0))
        // `/` finds the file that holds a sample and selects its row.
        session.find(sample: 120)
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 2))
        #expect(session.current?.indices[session.state.selection] == 120)
        // There is no sampler to switch: a file is the batch.
        session.handle(.character("b"))
        #expect(session.status.text.contains("whole file"))
    }

    @Test func theGridPagesThroughAFilesRowsAndShuffleTogglesTheFileOrder() throws {
        let (session, feeder) = try Self.session()
        #expect(session.render(width: 100, height: 30).text.contains("page 1/3"))
        session.handle(.character("]"))
        let screen = session.render(width: 100, height: 30).text
        #expect(screen.contains("page 2/3"))
        #expect(session.state.selection > 0)
        #expect(screen.contains("▸\(session.state.selection) \(session.state.selection % 10)"))
        session.handle(.character("]"))
        session.handle(.character("]"))
        #expect(session.status.text == "this is the last page of the batch")
        session.go(to: BatchAddress(epoch: 2, batch: 1))
        session.handle(.character("s"))
        #expect(session.configuration.shuffle)
        let file = try feeder.fileIndex(epoch: 2, batch: 1, BatchOptions(batchSize: 64, order: .shuffled(seed: 12345)))
        #expect(session.current?.indices == Array(Self.offsets[file]..<Self.offsets[file + 1]))
    }

    @Test(arguments: [UInt64(1), 7, 12345]) func shuffledFileOrderIsTheFeedersFileIndex(seed: UInt64) throws {
        let (session, feeder) = try Self.session(shuffle: true, seed: seed)
        let options = BatchOptions(batchSize: 64, order: .shuffled(seed: seed))
        var orders = [[Int]]()
        for epoch in 0..<4 {
            var order = [Int]()
            for k in 0..<4 {
                let file = try feeder.fileIndex(epoch: epoch, batch: k, options)
                order.append(file)
                let batch = try #require(session.current)
                #expect(batch.address == BatchAddress(epoch: epoch, batch: k))
                #expect(batch.indices == Array(Self.offsets[file]..<Self.offsets[file + 1]))
                Self.expectFormulaPixels(batch, file: file)
                #expect(Self.header(session).contains("batch \(k) of 4  file batch_\(file).h5"))
                session.handle(.character("n"))
            }
            #expect(order.sorted() == [0, 1, 2, 3])
            orders.append(order)
        }
        // Shuffled: the four epochs do not all keep the files in order.
        #expect(orders.contains { $0 != [0, 1, 2, 3] })
    }

    @Test func classBalanceCountsFilesOfTheEpochSoFar() throws {
        let (session, _) = try Self.session(shuffle: true, seed: 3)
        for k in 0..<4 {
            var balance = try #require(session.balance)
            let batch = try #require(session.current)
            #expect(
                balance.counts(of: batch.indices) == Histogram.counts(batch.indices.map { $0 % 10 }, classCount: 10))
            let files = try (0...k).map { try #require(try session.stream.file(epoch: 0, batch: $0)) }
            let expected = Histogram.counts(
                files.flatMap { Array(Self.offsets[$0]..<Self.offsets[$0 + 1]) }.map { $0 % 10 }, classCount: 10)
            #expect(balance.epochCounts(stream: session.stream, epoch: 0, through: k) == expected)
            // The data column counts every sample of every file; the target is uniform over them.
            #expect(balance.datasetCounts == Histogram.counts((0..<190).map { $0 % 10 }, classCount: 10))
            #expect(session.render(width: 120, height: 30).text.contains("epoch so far: \(expected.reduce(0, +))"))
            session.handle(.character("n"))
        }
    }

    @Test func preprocessingCropsTheFileBatch() throws {
        let (session, _) = try Self.session(preprocess: "crop:16")
        session.handle(.character("n"))
        let batch = try #require(session.current)
        #expect(batch.indices == Array(50..<98))
        let crops = try #require(batch.preprocessed)
        #expect(crops.images.shape == [48, 16, 16, 3])
        #expect(crops.samples.count == 48)
        // The cropped pixels are the formula's at the crop's offset.
        let box = crops.samples[5]
        let i = batch.indices[5]
        crops.images.withUnsafeBytes { bytes in
            let first = bytes[(5 * 16 * 16) * 3]
            #expect(first == UInt8((7 * i + 3 * box.top + box.left) % 256))
        }
    }

    /// However far it steps, the inspector holds one file batch as shown (raw and as float32)
    /// and the raw reads of the last two files (one of them the shown one's, not counted again).
    @Test func holdsOneShownFileBatchAndTwoRawReads() throws {
        let (session, _) = try Self.session()
        let largestRaw = 50 * 1200
        for step in 0..<12 {
            session.handle(.character(step % 3 == 2 ? "p" : "n"))
            // 1 shown × (raw + float32 = 5 × raw) + the other raw read, plus indices and labels (8 bytes each).
            #expect(session.heldBytes <= largestRaw * (5 + 1) + 3 * 50 * 24)
        }
        #expect(session.state.address == BatchAddress(epoch: 1, batch: 0))
    }

    @Test func settingsThatCutBatchesBySamplesAreRefused() throws {
        let source = try HDF5Source.open(Self.folder)
        var dataset = InspectedDataset(name: "kaggle_dir", images: source.images, labels: source.labels)
        let feeder = source.fileBatches(scalingImages: false)
        dataset.fileBatches = InspectedFileBatches(
            fileNames: source.files.map(\.name), rowCounts: Self.rowCounts, source: feeder,
            fileIndex: { address, options in
                try feeder.fileIndex(epoch: address.epoch, batch: address.batch, options)
            })
        let refused = [
            InspectorConfiguration(sampler: .balanced), InspectorConfiguration(subset: 0..<10),
            InspectorConfiguration(repeats: 2), InspectorConfiguration(dropLast: true),
            InspectorConfiguration(shardRank: 0, shardCount: 2),
        ]
        for configuration in refused {
            #expect(throws: BatchingError.self) {
                try InspectorSession(
                    dataset: dataset, configuration: configuration, colorMode: .none, environment: .fixed())
            }
        }
    }
}
