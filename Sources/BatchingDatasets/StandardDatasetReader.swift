import Batching
import Foundation

/// Reads any standard dataset from its original files, whichever reader its format needs.
///
/// `source` is what you downloaded: the folder holding MNIST's, Fashion-MNIST's or SVHN's files;
/// the tarball of CIFAR-10/100 or STL-10 (or the folder it unpacks to, or a folder holding the
/// tarball); USPS's `usps.h5` (or a folder holding it). A BatchUp-converted file (`mnist.h5`, …)
/// is read too.
///
/// ```swift
/// let cifar = try StandardDatasetReader.read(.cifar10, from: "~/Downloads/cifar-10-binary.tar.gz")
/// ```
public enum StandardDatasetReader {
    /// Options for the parts that are large and rarely needed.
    public struct Options: Sendable {
        /// Read STL-10's 100,000 unlabelled images.
        public var includeUnlabeled: Bool
        /// Read SVHN's `extra_32x32.mat` when it is there.
        public var includeExtra: Bool
        /// Draw a progress bar on standard error as the files are read.
        public var showsProgress: Bool

        /// Options; both large parts are left out and no progress is drawn by default.
        public init(includeUnlabeled: Bool = false, includeExtra: Bool = false, showsProgress: Bool = false) {
            self.includeUnlabeled = includeUnlabeled
            self.includeExtra = includeExtra
            self.showsProgress = showsProgress
        }
    }

    /// The dataset of `kind` at `source`, every training sample in `train` (split off a
    /// validation part with ``LoadedDataset/splittingDefaultValidation()``).
    ///
    /// - Throws: ``DatasetError`` naming the file and the problem.
    public static func read(_ kind: DatasetKind, from source: String, options: Options = Options()) throws
        -> LoadedDataset
    {
        let path = DataDirectory.expand(source, userHome: NSHomeDirectory())
        guard options.showsProgress else { return try readFiles(kind, path: path, options: options) }
        let bar = ProgressBar(
            label: "Reading \(kind.displayName) from \(path)", total: ReadProgress.totalBytes(at: path))
        let dataset = try ReadProgress.$current.withValue(ReadProgress(bar: bar)) {
            try readFiles(kind, path: path, options: options)
        }
        bar.finish()
        return dataset
    }

    private static func readFiles(_ kind: DatasetKind, path: String, options: Options) throws -> LoadedDataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError.io(
                path: path, detail: "does not exist; give the \(kind.displayName) file or the folder that holds it")
        }
        if !isDirectory.boolValue, kind != .usps,
            (try? FileByteReader(path: path).readUpTo(8)) == [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]
        {
            return try BatchUpFileReader.read(kind, path: path)
        }
        switch kind {
        case .mnist, .fashionMNIST:
            return try MNISTReader.read(kind, folder: try folder(path, isDirectory.boolValue, kind))
        case .svhn:
            return try SVHNReader.read(
                folder: try folder(path, isDirectory.boolValue, kind), includeExtra: options.includeExtra)
        case .cifar10, .cifar100:
            return try CIFARReader.read(kind, from: archive(path, isDirectory.boolValue, kind))
        case .stl10:
            return try STLReader.read(
                from: archive(path, isDirectory.boolValue, kind), includeUnlabeled: options.includeUnlabeled)
        case .usps:
            let file = isDirectory.boolValue ? (path as NSString).appendingPathComponent("usps.h5") : path
            return try USPSReader.read(path: file)
        }
    }

    private static func folder(_ path: String, _ isDirectory: Bool, _ kind: DatasetKind) throws -> String {
        guard isDirectory else {
            throw DatasetError.wrongFormat(
                path: path, expected: "a folder",
                detail:
                    "\(kind.displayName) comes in several files (\(kind.sourceFiles.filter { !$0.isOptional }.map(\.name).joined(separator: ", "))); give the folder that holds them"
            )
        }
        return path
    }

    /// The tarball itself when `path` is a folder that holds it, else `path`.
    private static func archive(_ path: String, _ isDirectory: Bool, _ kind: DatasetKind) -> String {
        guard isDirectory, let name = kind.sourceFiles.first?.name else { return path }
        let tarball = (path as NSString).appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: tarball) ? tarball : path
    }
}
