// swift-format-ignore-file
// (the examples below are copied word for word from the docs, see below)
import Batching
import BatchingDatasets
@testable import BatchingHDF5

// The ```swift blocks of docs/*.md, verbatim after their `// example: FILE` lines; see
// DocumentationExamples.swift for the rules.

extension DocumentationExamples {
    // MARK: docs/hdf5.md — the entry point

    static func hdf5EntryPoint() throws -> (HDF5Source, ArrayDataSource, FileBatchesDataSource, Float32Column) {
// example: docs/hdf5.md
let source = try HDF5Source.open("Assets/digits.h5")        // a FILE, a DIR of *.h5, or a glob
source.images          // any BatchColumn — uint8/float rows exactly as stored (native byte order)
source.labels          // (any BatchColumn)? — 1-D labels or one-hot 2-D; text labels as int64 class indices
source.classNames      // [String]? — a `class_names`-like attribute or dataset, the classes of text labels, or an enum's names
source.layout          // ChannelLayout: .nhw, .nhwc, .nchw, .ntc (time series)
source.selection       // DatasetSelection: which paths were picked and why (reasons: [String])
source.files           // [HDF5File], natural order (batch_2 before batch_10)
source.summary         // one line describing the source, for status bars
let data = try source.dataSource()                      // ArrayDataSource over [images, labels]
let perFile = source.fileBatches()                      // FileBatchesDataSource: batch k = file k
let floats = Float32Column(source.images)               // images scaled to [0, 1] like BatchUp
        return (source, data, perFile, floats)
    }

    // MARK: docs/hdf5.md — the seam for a fast reader

    /// The protocol as the docs state it; the real readers are made to conform to it below, so a
    /// requirement the docs name that the readers lack (or declare differently) fails to compile.
    enum HDF5Seam {
// example: docs/hdf5.md
/// Reads whole rows of one dataset. (internal, in HDF5RowReader.swift)
protocol HDF5RowReader: Sendable {
    /// The dataset it reads.
    var dataset: HDF5Dataset { get }
    /// Writes the rows of every run, run after run, into `destination` (exactly
    /// runs.totalRows * dataset.info.bytesPerRow bytes), converted to NATIVE byte order, elements of
    /// `dataset.info.dtype`. Runs are sorted, disjoint, non-empty and inside 0..<rowCount.
    /// May be called from several threads at once.
    func readRuns(_ runs: [RowRun], into destination: UnsafeMutableRawBufferPointer) throws
}
    }

    static func chooseReader(for dataset: HDF5Dataset) throws -> (documentedCases: [String], reader: any BatchingHDF5.HDF5RowReader) {
// example: docs/hdf5.md
enum HDF5ReadPath: String, CaseIterable { case automatic, library, direct }   // public
let reader = try makeRowReader(for: dataset, path: .automatic)   // any HDF5RowReader (internal)
        return (HDF5ReadPath.allCases.map(\.rawValue), reader)
    }

    // MARK: docs/datasets.md (compiled only: they need the real downloads)

    static func standardDatasets() throws {
// example: docs/datasets.md
let cifar = try StandardDatasetReader.read(.cifar100, from: "~/Downloads/cifar-100-binary.tar.gz")
    .splittingDefaultValidation()              // BatchUp's n_val = 10,000
cifar.train.images.shape                       // [40000, 3, 32, 32]
cifar.validation.coarseLabels                  // the superclass of each validation sample
let stl = try STLReader.read(from: "stl10_binary.tar.gz", includeUnlabeled: true)
    .splittingValidation(lastFolds: 1)         // BatchUp's n_val_folds = 1
        _ = stl
    }

    static func datasetStore() throws {
// example: docs/datasets.md
let store = try DatasetStore()                  // resolves the data directory as above
let path = try store.hdf5File(for: .mnist)      // DATA/mnist/mnist.h5, imported on first use
let loaded = try store.load(.svhn)              // in memory, BatchUp's validation split applied
        _ = (path, loaded)
    }

    // MARK: docs/pipeline.md

    static func timeseriesWindows(source: any DataSource) throws -> SliceGenerator {
// example: docs/pipeline.md
let windows = try TimeseriesPreprocessor(windowSize: 50, slideSize: 25, startIncrements: [0, 10])
var generator = try SliceGenerator(source: source, options: BatchOptions(batchSize: 32), preprocessor: windows, epochs: 3)
while let slice = try generator.next() { print(slice.address, slice.origin.window!) }
        return generator
    }

    static func prefetch(source: any DataSource, options: BatchOptions) throws -> PipelineStatsRecorder {
// example: docs/pipeline.md
let stats = PipelineStatsRecorder()
let batches = try source.prefetchedBatches(options, epochs: 10, workers: 2, buffer: 4,
                                           preprocessor: try PreprocessSpec("crop:24,flip:h").makePreprocessor(),
                                           stats: stats)
while let batch = try batches.next() { train(batch.slices[0].images) }
        return stats
    }
}

// The real readers satisfy the documented protocol.
extension HDF5LibraryRowReader: DocumentationExamples.HDF5Seam.HDF5RowReader {}
extension DirectRowReader: DocumentationExamples.HDF5Seam.HDF5RowReader {}
