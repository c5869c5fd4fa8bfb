import Batching
import BatchingHDF5
import Foundation

/// Reads the HDF5 files BatchUp writes into its data directory (`mnist.h5`, `cifar10.h5`, …), so
/// a BatchUp user's converted datasets open without downloading anything again.
///
/// BatchUp stores each dataset under one group (`/mnist`, `/cifar10`, `/cifar100`, `/stl`,
/// `/svhn`, `/usps`) as `train_X_u8`, `train_y`, `test_X_u8`, `test_y` (USPS: `train_X`,
/// `test_X` as float32; CIFAR-100 adds `train_y_coarse` and `test_y_coarse`; STL-10 adds
/// `unl_X_u8`). Its string and variable-length arrays (class names, STL-10's folds) are not read;
/// class names fall back to the known ones.
///
/// ```swift
/// if let path = BatchUpFileReader.existingFile(for: .mnist, in: "/root/.batchup/data") {
///     let mnist = try BatchUpFileReader.read(.mnist, path: path)
/// }
/// ```
public enum BatchUpFileReader {
    /// The name BatchUp gives the converted file of `kind`.
    public static func fileName(for kind: DatasetKind) -> String {
        switch kind {
        case .mnist: "mnist.h5"
        case .fashionMNIST: "fashion-mnist.h5"
        case .cifar10: "cifar10.h5"
        case .cifar100: "cifar100.h5"
        case .stl10: "stl10.h5"
        case .svhn: "svhn_train_test.h5"
        case .usps: "usps.h5"
        }
    }

    static func group(for kind: DatasetKind) -> String {
        switch kind {
        case .mnist, .fashionMNIST: "mnist"
        case .stl10: "stl"
        default: kind.rawValue
        }
    }

    /// BatchUp's converted file of `kind` inside `dataPath`, when it is there.
    public static func existingFile(for kind: DatasetKind, in dataPath: String) -> String? {
        let path = (dataPath as NSString).appendingPathComponent(fileName(for: kind))
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The dataset in BatchUp's HDF5 file at `path`.
    ///
    /// - Throws: ``DatasetError`` or `HDF5Error` when the file is not HDF5 or lacks BatchUp's datasets.
    public static func read(_ kind: DatasetKind, path: String) throws -> LoadedDataset {
        let file = try HDF5File(path: path)
        let group = group(for: kind)
        let images = kind == .usps ? "X" : "X_u8"
        func column(_ name: String) throws -> Tensor? {
            guard file.root.dataset(at: "\(group)/\(name)") != nil else { return nil }
            return try HDF5Column(file: file, dataset: "\(group)/\(name)").readAll()
        }
        func split(_ prefix: String) throws -> DatasetSplit {
            guard let x = try column("\(prefix)_\(images)"), let y = try column("\(prefix)_y") else {
                throw DatasetError.wrongFormat(
                    path: path, expected: "BatchUp's \(kind.displayName) file",
                    detail: "it has no /\(group)/\(prefix)_\(images) and /\(group)/\(prefix)_y")
            }
            return DatasetSplit(
                images: kind == .usps ? x.convertedToFloat32() : x,
                labels: y.dtype == .int32 ? y : y.convertedToInt32(),
                coarseLabels: try column("\(prefix)_y_coarse").map { $0.dtype == .int32 ? $0 : $0.convertedToInt32() })
        }
        let names = kind == .cifar100 ? (0..<100).map(String.init) : kind.builtInClassNames
        return LoadedDataset(
            kind: kind, train: try split("train"), test: try split("test"),
            classNames: kind == .stl10 ? STLReader.classNames : names,
            unlabeled: try column("unl_X_u8").map { DatasetSplit(images: $0) },
            coarseClassNames: kind == .cifar100 ? (0..<20).map(String.init) : nil)
    }
}
