import Batching
import BatchingHDF5
import Foundation

/// Writes a standard dataset to an HDF5 file laid out for the inspector (and for h5py).
///
/// Layout: one group per part — `/train`, `/test`, and when present `/validation`,
/// `/unlabeled` (STL-10), `/extra` (SVHN) — each holding `images` (BatchUp's `[N, C, H, W]`),
/// `labels` (`int32`) and, for CIFAR-100, `coarse_labels`. Class names are string attributes
/// `class_names` (and `coarse_class_names`) on the root and on every labelled group; the root
/// also records `kind` and BatchUp's default validation split (`batchup_n_val` or
/// `batchup_n_val_folds`); STL-10's folds are `/train/fold_indices` (`int32 [10, 1000]`).
/// Images are chunked and gzip-compressed with the shuffle filter unless told otherwise.
///
/// The file is written under a temporary name beside the output and renamed only when it is
/// complete, so a failed import never leaves a partial file behind.
///
/// ```swift
/// let mnist = try StandardDatasetReader.read(.mnist, from: "/data/mnist")
/// try DatasetImporter.write(mnist, to: "mnist.h5")
/// ```
public enum DatasetImporter {
    /// How the images are stored.
    public struct Options: Sendable {
        /// gzip level 1–9 for images (chunked, with the shuffle filter); 0 stores them contiguous.
        public var gzipLevel: Int
        /// Samples per chunk; `nil` picks about 64 KiB of images per chunk.
        public var chunkRows: Int?
        /// Whether to draw progress on standard error.
        public var showsProgress: Bool

        /// Options; the defaults compress at gzip level 4.
        public init(gzipLevel: Int = 4, chunkRows: Int? = nil, showsProgress: Bool = true) {
            self.gzipLevel = gzipLevel
            self.chunkRows = chunkRows
            self.showsProgress = showsProgress
        }
    }

    /// Writes `dataset` to `output`, replacing it only once the new file is complete.
    ///
    /// - Parameter inputs: the files the dataset was read from; `output` may not be one of them.
    /// - Throws: `HDF5Error` or ``DatasetError`` when the file cannot be written; nothing is left
    ///   at `output` or beside it then.
    public static func write(
        _ dataset: LoadedDataset, to output: String, inputs: [String] = [],
        options: Options = Options()
    ) throws {
        try FileReplacement.write(output, inputs: inputs) { temporary in
            try writeFile(dataset, to: temporary, shownAs: output, options: options)
        }
    }

    private static func writeFile(_ dataset: LoadedDataset, to path: String, shownAs output: String, options: Options)
        throws
    {
        var parts: [(String, DatasetSplit)] = [("train", dataset.train)]
        if dataset.validation.count > 0 { parts.append(("validation", dataset.validation)) }
        parts.append(("test", dataset.test))
        if let unlabeled = dataset.unlabeled { parts.append(("unlabeled", unlabeled)) }
        if let extra = dataset.extra { parts.append(("extra", extra)) }
        let totalBytes = parts.reduce(0) { $0 + $1.1.images.byteCount + ($1.1.labels?.byteCount ?? 0) }
        let bar = ProgressBar(label: "Writing \(output)", total: totalBytes, enabled: options.showsProgress)
        var written = 0
        let writer = try HDF5Writer(creating: path)
        try writer.setAttribute("kind", strings: [dataset.kind.rawValue])
        try writer.setAttribute("class_names", strings: dataset.classNames)
        if let coarse = dataset.coarseClassNames { try writer.setAttribute("coarse_class_names", strings: coarse) }
        switch dataset.kind.defaultValidation {
        case .last(let count): try writer.setAttribute("batchup_n_val", numbers: [Double(count)])
        case .lastFolds(let count): try writer.setAttribute("batchup_n_val_folds", numbers: [Double(count)])
        }
        for (name, part) in parts {
            try writer.write(part.images, to: "\(name)/images", storage: storage(for: part.images, options))
            written += part.images.byteCount
            bar.update(written)
            if let labels = part.labels {
                try writer.write(labels, to: "\(name)/labels")
                written += labels.byteCount
                try writer.setAttribute("class_names", strings: dataset.classNames, on: name)
            }
            if let coarse = part.coarseLabels {
                try writer.write(coarse, to: "\(name)/coarse_labels")
                if let names = dataset.coarseClassNames {
                    try writer.setAttribute("coarse_class_names", strings: names, on: name)
                }
            }
            bar.update(written)
        }
        if let folds = dataset.folds, let first = folds.first, folds.allSatisfy({ $0.count == first.count }),
            dataset.validation.count == 0
        {
            try writer.write(
                Tensor(shape: [folds.count, first.count], scalars: folds.flatMap { $0.map { Int32($0) } }),
                to: "train/fold_indices")
        }
        try writer.close()
        bar.finish()
    }

    private static func storage(for images: Tensor, _ options: Options) -> HDF5Storage {
        guard options.gzipLevel > 0, images.rowCount > 0 else { return .contiguous }
        let rows = min(images.rowCount, options.chunkRows ?? max(1, 65_536 / max(images.bytesPerRow, 1)))
        return .chunked([rows] + images.rowShape, gzip: min(options.gzipLevel, 9), shuffle: true)
    }
}
