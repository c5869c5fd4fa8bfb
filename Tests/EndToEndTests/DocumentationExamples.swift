// swift-format-ignore-file
// (the examples below are copied word for word from the docs, see below)
import Batching
import BatchingDatasets
@testable import BatchingHDF5

// The ```swift blocks of README.md (docs/*.md: DocumentationExamples+Docs.swift), copied verbatim
// less their `import` lines (those are the imports above), so that they compile against the
// library. Each block follows an `// example: FILE` line, at column 0, inside a function whose
// parameters are the names the example takes from its surroundings (`trainX`, `source`,
// `options` …); what it leaves behind is returned, for DocumentationExamplesTests to run it on
// the bundled assets and fixtures and check its comments. That test also fails when a block of
// the docs is not found here word for word after its marker, or when a marker has no block left
// in the docs: edit both sides together. The functions the examples leave to the reader
// (`flipSomeHorizontally`, `predict`, `train` …) are in DocumentationExamples+StandIns.swift.

enum DocumentationExamples {
    // MARK: README.md — the library: quick start

    static func quickStart(trainX: Tensor, trainY: Tensor) throws -> BatchIterator {
// example: README.md
// Iterate over samples, drawing batches of 64 elements in random order.
let source = try ArrayDataSource([trainX, trainY])
var batches = try source.batches(BatchOptions(batchSize: 64, order: .shuffled(seed: 12345)))
while let batch = try batches.next() {
    let (x, y) = (batch.columns[0], batch.columns[1])
    // … train on x, y
}
        return batches
    }

    static func subset(trainX: Tensor, trainY: Tensor, subsetA: [Int]) throws -> ArrayDataSource {
// example: README.md
let source = try ArrayDataSource([trainX, trainY], indices: subsetA)
        return source
    }

    static func augmentation(trainX: Tensor, trainY: Tensor) throws -> MappedDataSource {
// example: README.md
let augmented = try ArrayDataSource([trainX, trainY]).map { batch in
    var batch = batch
    var random = CounterRandom(seed: 1, purpose: .augmentation, epoch: batch.address.epoch, batch: batch.address.batch)
    batch.columns[0] = flipSomeHorizontally(batch.columns[0], using: &random)
    return batch
}
        return augmented
    }

    static func sampleWeighting(trainX: Tensor, trainY: Tensor, trainW: [Double], subsetW: [Double], subsetA: [Int],
                                n: Int) throws -> (ArrayDataSource, WeightedSubsetSampler) {
// example: README.md
let sampler = try WeightedSampler(weights: trainW)
let source = try ArrayDataSource([trainX, trainY], sampler: sampler)
let subsetSampler = try WeightedSubsetSampler(subWeights: subsetW, indices: subsetA, sampleCount: n)
        return (source, subsetSampler)
    }

    static func classBalancing(trainY: [Int]) throws -> (WeightedSampler, [Double]) {
// example: README.md
let sampler = try WeightedSampler.classBalancing(labels: trainY)
let weights = try WeightedSampler.classBalancingSampleWeights(labels: trainY)  // to modify first
        return (sampler, weights)
    }

    static func twoSources(labX: Tensor, labY: Tensor, unlabX: Tensor) throws -> CompositeDataSource {
// example: README.md
let labelled = try ArrayDataSource([labX, labY], repeats: -1)
let unlabelled = try ArrayDataSource([unlabX])
let both = try CompositeDataSource([labelled, unlabelled])
        return both
    }

    static func hdf5Files() throws -> (HDF5Source, ArrayDataSource, Float32Column, FileBatchesDataSource) {
// example: README.md
let data = try HDF5Source.open("Assets/digits.h5")        // or a folder of batch_*.h5, or a glob
let source = try data.dataSource()                         // ArrayDataSource over images, labels
let scaled = Float32Column(data.images)                    // uint8 images scaled to [0, 1]
let perFile = data.fileBatches()                           // the Kaggle feeder: batch k is file k
        return (data, source, scaled, perFile)
    }

    static func preprocessing(source: ArrayDataSource, options: BatchOptions) throws -> PreprocessedBatch {
// example: README.md
let view = try source.preprocessedBatch(at: BatchAddress(epoch: 2, batch: 7), options,
                                        preprocessor: try PreprocessSpec("crop:24,flip:h").makePreprocessor(), seed: 1)
view.raw           // the batch as read
view.slices        // as augmented, each with where it came from (window, crop box, flips)
        return view
    }

    static func sharding(n: Int) throws -> ShardedSampler {
// example: README.md
let shard = try ShardedSampler(base: StandardSampler(count: n), rank: 1, worldSize: 4)
        return shard
    }

    static func jumpAndResume(source: ArrayDataSource, options: BatchOptions)
        throws -> (iterator: BatchIterator, token: ResumeToken, later: BatchIterator) {
// example: README.md
var iterator = try source.batches(options, epochs: 10)
try iterator.seek(to: BatchAddress(epoch: 3, batch: 120))   // O(batch size)
let token = try iterator.resumeToken()                      // "bv1:3:120:10:…"
var later = try source.batches(options, resumingFrom: ResumeToken(token.description)!)
        return (iterator, token, later)
    }

    static func predictionsAndMeans(testX: Tensor, valX: Tensor, valY: Tensor) throws -> ([Tensor], [Double]) {
// example: README.md
let predictions = try ArrayDataSource([testX]).batchMapConcat(BatchOptions(batchSize: 256)) { batch in
    [predict(batch.columns[0])]
}
let means = try ArrayDataSource([valX, valY]).batchMapMean(BatchOptions(batchSize: 256),
    progress: { done, total in print(done, total ?? 0) }) { batch in
    [logLossSum(batch), errorCount(batch)]   // sums; divided by the sample count for you
}
        return (predictions, means)
    }
}
