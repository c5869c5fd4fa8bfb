import Batching
import Foundation

/// Reads STL-10's binary version, from `stl10_binary.tar.gz` or the folder it unpacks to.
///
/// `train_X.bin`, `test_X.bin` and `unlabeled_X.bin` hold 3×96×96 byte images with each colour
/// plane stored column by column; they become row-major `uint8 [N, 3, 96, 96]` as in BatchUp.
/// `train_y.bin` and `test_y.bin` hold one byte per image, 1…10, shifted to `int32` 0…9.
/// `fold_indices.txt` gives the ten predefined folds used for BatchUp's validation split.
///
/// ```swift
/// let stl = try STLReader.read(from: "stl10_binary.tar.gz").splittingValidation(lastFolds: 1)
/// stl.validation.count   // 1000
/// ```
public enum STLReader {
    static let side = 96
    static let imageBytes = 3 * 96 * 96
    static let classNames = ["airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck"]

    /// The dataset in the tarball or folder at `path`; the 100,000 unlabelled images (2.8 GB) are
    /// read only when `includeUnlabeled` is true.
    ///
    /// - Throws: ``DatasetError`` when a file is missing, truncated or the wrong size.
    public static func read(from path: String, includeUnlabeled: Bool = false) throws -> LoadedDataset {
        var wanted: Set<String> = [
            "train_X.bin", "train_y.bin", "test_X.bin", "test_y.bin", "class_names.txt", "fold_indices.txt",
        ]
        if includeUnlabeled { wanted.insert("unlabeled_X.bin") }
        var images: [String: Tensor] = [:]
        var labels: [String: Tensor] = [:]
        var texts: [String: String] = [:]
        try ArchiveMembers(path: path).visit(wanted) { name, size, reader in
            if name.hasSuffix("_X.bin") {
                images[name] = try readImages(reader, size: size, member: name)
            } else if name.hasSuffix("_y.bin") {
                let bytes = try reader.readBytes(size, what: name)
                labels[name] = Tensor(bytes.map { Int32($0) - 1 })
            } else {
                texts[name] = String(decoding: try reader.readBytes(size, what: name), as: UTF8.self)
            }
        }
        func labelled(_ prefix: String) throws -> DatasetSplit {
            guard let x = images["\(prefix)_X.bin"] else {
                throw DatasetError.missingFile(path: "\(path): \(prefix)_X.bin", dataset: "STL-10")
            }
            guard let y = labels["\(prefix)_y.bin"] else {
                throw DatasetError.missingFile(path: "\(path): \(prefix)_y.bin", dataset: "STL-10")
            }
            guard x.rowCount == y.rowCount else {
                throw DatasetError.wrongFormat(
                    path: "\(path): \(prefix)_y.bin", expected: "the labels of \(prefix)_X.bin",
                    detail: "it holds \(y.rowCount) labels for \(x.rowCount) images")
            }
            return DatasetSplit(images: x, labels: y)
        }
        let train = try labelled("train")
        let classNames = texts["class_names.txt"].map(lines) ?? Self.classNames
        let folds = try texts["fold_indices.txt"].map { text in
            try lines(text).map { line in
                try line.split(separator: " ").map { field -> Int in
                    guard let index = Int(field), index >= 0, index < train.count else {
                        throw DatasetError.wrongFormat(
                            path: "\(path): fold_indices.txt", expected: "a list of training indices",
                            detail: "\"\(field)\" is not an index below \(train.count)")
                    }
                    return index
                }
            }
        }
        if includeUnlabeled && images["unlabeled_X.bin"] == nil {
            throw DatasetError.missingFile(path: "\(path): unlabeled_X.bin", dataset: "STL-10")
        }
        return LoadedDataset(
            kind: .stl10, train: train, test: try labelled("test"), classNames: classNames,
            unlabeled: images["unlabeled_X.bin"].map { DatasetSplit(images: $0) }, folds: folds)
    }

    private static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func readImages(_ reader: ByteReader, size: Int, member: String) throws -> Tensor {
        guard size % imageBytes == 0 else {
            throw DatasetError.wrongFormat(
                path: "\(reader.path): \(member)", expected: "STL-10 images of \(imageBytes) bytes each",
                detail: "its \(size) bytes are not a whole number of images")
        }
        var tensor = Tensor(zeros: .uint8, shape: [size / imageBytes, 3, side, side])
        try tensor.withUnsafeMutableBytes { raw in
            try reader.readExactly(into: raw, what: member)
            transposeSquarePlanesInPlace(raw, side: side)
        }
        return tensor
    }
}
