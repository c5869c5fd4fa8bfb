import Batching
import Foundation

/// Reads MNIST and Fashion-MNIST from their four original IDX files in a folder.
///
/// The files may be gzipped (`train-images-idx3-ubyte.gz`, as published) or not
/// (`train-images-idx3-ubyte`, or `train-images.idx3-ubyte` as some unpackers name them).
/// Images become `uint8 [N, 1, 28, 28]`, labels `int32 [N]`, as in BatchUp.
///
/// ```swift
/// let mnist = try MNISTReader.read(.mnist, folder: "/data/mnist")
/// mnist.train.count   // 60000 (split off a validation part with splittingValidation(last:))
/// ```
public enum MNISTReader {
    /// The dataset in `folder`; `kind` is `.mnist` or `.fashionMNIST` (they share a format).
    ///
    /// - Throws: ``DatasetError`` when `kind` is another dataset, a file is missing, not IDX,
    ///   truncated, or when image and label counts disagree.
    public static func read(_ kind: DatasetKind, folder: String) throws -> LoadedDataset {
        guard kind == .mnist || kind == .fashionMNIST else {
            throw DatasetError.wrongReader(reader: "MNISTReader", reads: "MNIST and Fashion-MNIST", kind: kind)
        }
        func part(_ prefix: String) throws -> DatasetSplit {
            let imagesPath = try locate("\(prefix)-images-idx3-ubyte", in: folder, kind: kind)
            let labelsPath = try locate("\(prefix)-labels-idx1-ubyte", in: folder, kind: kind)
            return try split(imagesPath: imagesPath, labelsPath: labelsPath)
        }
        return LoadedDataset(
            kind: kind, train: try part("train"), test: try part("t10k"), classNames: kind.builtInClassNames)
    }

    /// One part from an images file and a labels file.
    static func split(imagesPath: String, labelsPath: String) throws -> DatasetSplit {
        let images = try IDXReader.read(path: imagesPath)
        guard images.dtype == .uint8, images.shape.count == 3 else {
            throw DatasetError.wrongFormat(
                path: imagesPath, expected: "an IDX file of uint8 images [N, rows, columns]",
                detail: "it holds \(images.dtype) \(images.shape)")
        }
        let labels = try IDXReader.read(path: labelsPath)
        guard labels.shape.count == 1 else {
            throw DatasetError.wrongFormat(
                path: labelsPath, expected: "an IDX file of labels [N]",
                detail: "it holds \(labels.dtype) \(labels.shape)")
        }
        guard labels.rowCount == images.rowCount else {
            throw DatasetError.wrongFormat(
                path: labelsPath, expected: "the labels of \(imagesPath)",
                detail: "it holds \(labels.rowCount) labels for \(images.rowCount) images")
        }
        return DatasetSplit(
            images: images.reshaped([images.shape[0], 1, images.shape[1], images.shape[2]]),
            labels: labels.convertedToInt32())
    }

    /// The path of an IDX file in `folder`, gzipped or not, under either common spelling.
    static func locate(_ stem: String, in folder: String, kind: DatasetKind) throws -> String {
        let dotted = stem.replacingOccurrences(of: "-idx", with: ".idx")
        for name in [stem + ".gz", stem, dotted, dotted + ".gz"] {
            let path = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        throw DatasetError.missingFile(
            path: (folder as NSString).appendingPathComponent(stem + ".gz"), dataset: kind.displayName)
    }
}
