import BatchViewCore
import Batching
import BatchingHDF5
import Foundation

/// Opens what the inspector shows: an HDF5 file, a folder of batch files or a glob, described
/// as an ``InspectedDataset``.
enum DatasetOpener {
    /// The bundled demo, `Assets/digits.h5`, looked for in the current folder and then upward
    /// from the executable (so `.build/debug/batchview` finds the package's copy).
    ///
    /// - Throws: ``InspectorStartError/demoNotFound`` when there is no copy to find (a binary
    ///   copied away from the package).
    static func demoPath() throws -> String {
        let relative = "Assets/digits.h5"
        if FileManager.default.fileExists(atPath: relative) { return relative }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw InspectorStartError.demoNotFound
    }

    /// The dataset at `path` with the datasets `options` pick; with `fileBatches`, each file is
    /// one batch (read as stored, by `threadsPerFile` threads).
    static func open(_ path: String, options: SourceOptions, fileBatches: Bool = false, threadsPerFile: Int = 1) throws
        -> InspectedDataset
    {
        let source = try options.open(path)
        let name = source.isFolder ? "\(path) (\(source.files.count) files)" : path
        let first = source.files[0]
        let sampleCount = source.sampleCount
        let taken = Set([source.selection.images, source.selection.labels].compactMap { $0 })
        let weights = first.root.allDatasets.filter { info in
            !taken.contains(info.path) && info.shape.count == 1 && info.shape.first == sampleCount
                && (info.dtype?.isFloatingPoint ?? false)
        }.map(\.path)
        let files = source.files
        let locate: @Sendable (Int) -> String
        if let multi = source.images as? MultiFileColumn {
            locate = { index in
                let (part, row) = multi.locate(index)
                return "\(files[part].name) row \(row)"
            }
        } else {
            let fileName = first.name
            locate = { index in "\(fileName) row \(index)" }
        }
        var dataset = InspectedDataset(
            name: name, images: source.images, imagesName: source.selection.images, layout: imageLayout(source.layout),
            labels: source.labels, labelsName: source.selection.labels, classNames: source.classNames,
            weightDatasets: weights, origin: locate)
        dataset.sampling = SamplingData(source, path: path)
        dataset.cacheBytes = { [chunkCache = source.chunkCache] in chunkCache.statistics.bytesHeld }
        dataset.readReport = BatchReadAnalysis.reporter(source)
        if fileBatches { dataset.fileBatches = inspectedFileBatches(source, threadsPerFile: threadsPerFile) }
        return dataset
    }

    /// The notebook feeder over `source`'s files, images as stored (the inspector converts them
    /// to float32 itself, as the feeder's scaling does).
    static func inspectedFileBatches(_ source: HDF5Source, threadsPerFile: Int) -> InspectedFileBatches {
        let feeder = source.fileBatches(scalingImages: false, threadsPerFile: threadsPerFile)
        var files = InspectedFileBatches(
            fileNames: source.files.map(\.name), rowCounts: source.perFile.map(\.images.rowCount),
            source: feeder,
            fileIndex: { address, options in
                try feeder.fileIndex(epoch: address.epoch, batch: address.batch, options)
            })
        files.recorded = feeder.recorded
        return files
    }

    static func imageLayout(_ layout: ChannelLayout) -> ImageLayout {
        switch layout {
        case .nhw, .flat: .nhw
        case .nhwc: .nhwc
        case .nchw: .nchw
        case .ntc: .ntc
        }
    }
}
