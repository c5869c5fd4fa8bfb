import Batching
import Foundation

/// The one-call way to get batches from a path: a FILE, a DIR of `*.h5` batch files, or a glob
/// — images, labels, class names, layout, and why they were picked.
///
/// ```swift
/// let source = try HDF5Source.open("Assets/digits.h5")
/// source.images.rowShape   // [8, 8]
/// source.classNames        // ["0", "1", …, "9"]
/// let data = try source.dataSource()
/// var batches = try data.batches(BatchOptions(batchSize: 64, order: .shuffled(seed: 1)))
/// ```
public struct HDF5Source: Sendable {
    /// The path as given.
    public let path: String
    /// The files, in natural order (one for a single file).
    public let files: [HDF5File]
    /// What was picked and why (decided on the first file; every other file must agree).
    public let selection: DatasetSelection
    /// The image rows exactly as stored (native byte order), across every file.
    public let images: any BatchColumn
    /// The labels across every file, when the file has them: as stored (enumerations as their
    /// values), text labels as `int64` indices into ``classNames``.
    public let labels: (any BatchColumn)?
    /// Per file: its image and label columns (for ``fileBatches(scalingImages:)``); text labels
    /// are held in memory as class indices.
    public let perFile: [(images: HDF5Column, labels: (any BatchColumn)?)]
    /// The decoded chunks every column of the source shares (chunked datasets read directly);
    /// its ``DecodedChunkCache/statistics`` say what reading the source has cached.
    public let chunkCache: DecodedChunkCache

    /// Opens `path` and picks the datasets.
    ///
    /// - Parameters:
    ///   - images: the images dataset's path inside the file(s); picked when `nil`.
    ///   - labels: the labels dataset's path; picked when `nil`.
    ///   - layout: the image layout; inferred from the row shape when `nil`.
    ///   - readPath: how rows are read.
    ///   - chunkCache: where the source's columns keep decoded chunks (`--cache-mb`).
    ///   - deflate: what inflates whole deflate-filtered chunks on the direct path (`--deflate`):
    ///     the exact inflater by default, or zlib; either exactly as libhdf5.
    /// - Throws: ``HDF5Error`` naming the file and dataset for every kind of bad input.
    public static func open(
        _ path: String, images: String? = nil, labels: String? = nil,
        layout: ChannelLayout? = nil, readPath: HDF5ReadPath = .automatic,
        chunkCache: DecodedChunkCache = DecodedChunkCache(), deflate: DeflateDecoder = .exact
    ) throws -> HDF5Source {
        let folder = try BatchFolder(path: path)
        var selection = try DatasetSelection.pick(in: folder.files[0], images: images, labels: labels, layout: layout)
        let textLabels = try readTextLabels(folder.files, selection: &selection)
        var perFile = [(images: HDF5Column, labels: (any BatchColumn)?)]()
        var firstLabels: HDF5Column?
        for (index, file) in folder.files.enumerated() {
            let imageColumn = try column(
                file, selection.images, readPath: readPath, chunkCache: chunkCache, deflate: deflate,
                like: perFile.first?.images)
            var labelColumn: (any BatchColumn)?
            if let labelPath = selection.labels {
                let labels: any BatchColumn
                if let textLabels {
                    labels = textLabels.columns[index]
                } else {
                    let numeric = try column(
                        file, labelPath, readPath: readPath, chunkCache: chunkCache, deflate: deflate,
                        like: firstLabels)
                    firstLabels = firstLabels ?? numeric
                    labels = numeric
                }
                if labels.rowCount != imageColumn.rowCount {
                    throw HDF5Error.lengthMismatch(
                        file: file.path, images: selection.images, imageCount: imageColumn.rowCount,
                        labels: labelPath, labelCount: labels.rowCount)
                }
                labelColumn = labels
            }
            perFile.append((imageColumn, labelColumn))
        }
        let total = perFile.reduce(0) { $0 + $1.images.rowCount }
        guard total > 0 else { throw HDF5Error.noSamples(file: path, dataset: selection.images) }
        let imageColumns = perFile.map(\.images)
        let labelColumns = perFile.compactMap(\.labels)
        return HDF5Source(
            path: path, files: folder.files, selection: selection,
            images: try joined(imageColumns),
            labels: labelColumns.isEmpty ? nil : try joined(labelColumns),
            perFile: perFile, chunkCache: chunkCache)
    }

    private static func joined(_ columns: [any BatchColumn]) throws -> any BatchColumn {
        columns.count == 1 ? columns[0] : try MultiFileColumn(columns)
    }

    /// The text labels of every file as class indices, when the picked labels are text; their
    /// classes replace `selection`'s class names (the names it found are the class list).
    private static func readTextLabels(_ files: [HDF5File], selection: inout DatasetSelection) throws
        -> TextLabelColumns?
    {
        guard let labelPath = selection.labels, files[0].root.dataset(at: labelPath)?.elementType.isText == true
        else { return nil }
        let text = try TextLabelColumns(
            files: files, dataset: labelPath, listed: selection.classNames, listedSource: selection.classNamesSource)
        selection.classNames = text.names
        selection.classNamesSource = text.source
        selection.reasons.append(text.reason)
        return text
    }

    private static func column(
        _ file: HDF5File, _ dataset: String, readPath: HDF5ReadPath, chunkCache: DecodedChunkCache,
        deflate: DeflateDecoder, like first: HDF5Column?
    ) throws -> HDF5Column {
        guard file.root.dataset(at: dataset) != nil else {
            if first != nil {
                throw HDF5Error.folderMismatch(
                    file: file.path, dataset: dataset, detail: "is missing (the first file has it)")
            }
            throw HDF5Error.noSuchDataset(file: file.path, dataset: dataset, available: file.datasetPaths)
        }
        let column = try HDF5Column(
            file: file, dataset: dataset, readPath: readPath, chunkCache: chunkCache, deflate: deflate)
        if let first, column.dataset.info.elementType.enumeration != first.dataset.info.elementType.enumeration {
            throw HDF5Error.folderMismatch(
                file: file.path, dataset: dataset,
                detail:
                    "holds \(column.dataset.info.elementType) but the first file holds \(first.dataset.info.elementType); the class names of enumeration labels must be the same in every file"
            )
        }
        if let first, column.dtype != first.dtype || column.rowShape != first.rowShape {
            throw HDF5Error.folderMismatch(
                file: file.path, dataset: dataset,
                detail:
                    "holds rows of \(column.dtype) \(column.rowShape) but the first file holds \(first.dtype) \(first.rowShape)"
            )
        }
        return column
    }

    /// The class names in class-index order, if any: of text labels, of an enumeration
    /// (indexed by value), or found in the file.
    public var classNames: [String]? { selection.classNames }
    /// How the image rows are laid out.
    public var layout: ChannelLayout { selection.layout }
    /// Whether the path named more than one file (or a folder).
    public var isFolder: Bool { files.count > 1 || files.first?.path != path }
    /// The number of samples across every file.
    public var sampleCount: Int { images.rowCount }

    /// One line describing the source: path, sample count, image shape and type, layout, labels.
    public var summary: String {
        let location = files.count > 1 ? "\(path) (\(files.count) files)" : path
        let labelText = selection.labels.map { "labels \($0)" } ?? "no labels"
        let classes = classNames.map { ", \($0.count) classes" } ?? ""
        return "\(location): \(sampleCount) samples, images \(selection.images) \(images.dtype)\(images.rowShape) "
            + "\(layout.rawValue.uppercased()), \(labelText)\(classes)"
    }

    /// An ``ArrayDataSource`` over `[images, labels]` (or `[images]`), images as stored.
    public func dataSource(
        indices: [Int]? = nil, repeats: Int = 1, sampler: (any Sampler)? = nil,
        includeIndices: Bool = false
    ) throws -> ArrayDataSource {
        try ArrayDataSource(
            [images] + (labels.map { [$0] } ?? []), indices: indices, repeats: repeats,
            sampler: sampler, includeIndices: includeIndices)
    }

    /// The notebook feeder: batch *k* of every epoch is file *k*; images scaled to float32 in
    /// [0, 1] unless `scalingImages` is false; each file read by `threadsPerFile` threads at once.
    public func fileBatches(scalingImages: Bool = true, threadsPerFile: Int = 1) -> FileBatchesDataSource {
        FileBatchesDataSource(
            files: perFile, scalesImages: scalingImages, threadsPerFile: threadsPerFile,
            recorded: zip(files, perFile).map { file, columns in
                RecordedBatch(attributes: file.root.attributes, rows: columns.images.rowCount)
            })
    }
}
