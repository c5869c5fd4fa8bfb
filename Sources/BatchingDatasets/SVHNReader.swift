import Batching
import Foundation

/// Reads SVHN's cropped-digit format (`train_32x32.mat`, `test_32x32.mat` and, when present,
/// `extra_32x32.mat`) from a folder.
///
/// Each file holds `X`, `uint8` of MATLAB dimensions 32×32×3×N (column-major), and `y`, N×1
/// labels 1…10 where 10 stands for the digit 0. As in BatchUp, images become
/// `uint8 [N, 3, 32, 32]` (row-major planes) and labels `int32` 0…9.
///
/// ```swift
/// let svhn = try SVHNReader.read(folder: "/data/svhn")
/// svhn.test.count   // 26032
/// ```
public enum SVHNReader {
    /// The dataset in `folder`; `extra_32x32.mat` (531,131 samples) is read when `includeExtra`
    /// is true and the file is there.
    ///
    /// - Throws: ``DatasetError`` when a file is missing or not the SVHN layout.
    public static func read(folder: String, includeExtra: Bool = false) throws -> LoadedDataset {
        func part(_ name: String) throws -> DatasetSplit {
            let path = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else {
                throw DatasetError.missingFile(path: path, dataset: "SVHN")
            }
            return try read(matFile: path)
        }
        let extraPath = (folder as NSString).appendingPathComponent("extra_32x32.mat")
        let extra =
            includeExtra && FileManager.default.fileExists(atPath: extraPath) ? try read(matFile: extraPath) : nil
        return LoadedDataset(
            kind: .svhn, train: try part("train_32x32.mat"), test: try part("test_32x32.mat"),
            classNames: DatasetKind.svhn.builtInClassNames, extra: extra)
    }

    /// The images and labels of one SVHN `.mat` file.
    public static func read(matFile path: String) throws -> DatasetSplit {
        let arrays = try MATFileReader.read(path: path, variables: ["X", "y"])
        guard let x = arrays["X"], let y = arrays["y"] else {
            throw DatasetError.wrongFormat(
                path: path, expected: "an SVHN .mat file", detail: "it has no variables X and y")
        }
        guard x.dimensions.count == 4, x.dimensions[0] == 32, x.dimensions[1] == 32, x.dimensions[2] == 3 else {
            throw DatasetError.wrongFormat(
                path: path, expected: "an SVHN .mat file",
                detail: "X has dimensions \(x.dimensions), not 32×32×3×N")
        }
        let count = x.dimensions[3]
        guard y.values.elementCount == count else {
            throw DatasetError.wrongFormat(
                path: path, expected: "an SVHN .mat file",
                detail: "y has \(y.values.elementCount) labels for \(count) images")
        }
        var images = x.values.dtype == .uint8 ? x.values : x.values.converted(to: .uint8)
        // Column-major 32×32×3×N means each sample is 3 planes stored column by column.
        images.withUnsafeMutableBytes { transposeSquarePlanesInPlace($0, side: 32) }
        var labels = y.values.convertedToInt32()
        labels.withUnsafeMutableBufferPointer(of: Int32.self) { values in
            for i in values.indices where values[i] == 10 { values[i] = 0 }
        }
        return DatasetSplit(images: images.reshaped([count, 3, 32, 32]), labels: labels)
    }
}
