import Batching
import Foundation

/// Finds, fetches, reads and imports standard datasets in the data directory — what
/// `batchview mnist` (and every other kind) uses to open a dataset without being told where it is.
///
/// For a kind it looks, in order, for: the imported HDF5 file `DATA/KIND/KIND.h5`; the original
/// files in `DATA/KIND/`; BatchUp's converted file (`mnist.h5`, …) in BatchUp's data directory
/// or ours; and otherwise downloads the originals into `DATA/KIND/` (see ``Downloader``).
///
/// ```swift
/// let store = try DatasetStore()
/// let path = try store.hdf5File(for: .mnist)   // imports once, then reuses the file
/// // open `path` in the inspector; train/images and train/labels are picked automatically
/// ```
public struct DatasetStore: Sendable {
    /// Where the data lives.
    public var directory: DataDirectory
    /// How missing originals are fetched.
    public var downloader: Downloader
    /// Whether missing originals may be downloaded (false: a missing file is an error).
    public var allowsDownload: Bool

    /// A store over `directory` (resolved from the config files and environment when nil).
    public init(directory: DataDirectory? = nil, downloader: Downloader = Downloader(), allowsDownload: Bool = true)
        throws
    {
        self.directory = try directory ?? DataDirectory.resolve()
        self.downloader = downloader
        self.allowsDownload = allowsDownload
    }

    /// The imported HDF5 file of `kind`, `DATA/KIND/KIND.h5`.
    public func importedFile(for kind: DatasetKind) -> String {
        (directory.folder(for: kind) as NSString).appendingPathComponent("\(kind.rawValue).h5")
    }

    /// The folder holding `kind`'s original files, downloading the missing ones first.
    ///
    /// - Throws: ``DatasetError/networkUnreachable(file:url:destination:reason:)`` and the other
    ///   download errors, or ``DatasetError/missingFile(path:dataset:)`` when downloads are off.
    public func originals(for kind: DatasetKind) throws -> String {
        let folder = directory.folder(for: kind)
        for file in kind.sourceFiles where !file.isOptional {
            let path = (folder as NSString).appendingPathComponent(file.name)
            if FileManager.default.fileExists(atPath: path) { continue }
            guard allowsDownload else { throw DatasetError.missingFile(path: path, dataset: kind.displayName) }
            _ = try downloader.fetch(file, into: folder)
        }
        return folder
    }

    /// BatchUp's converted file of `kind`, when BatchUp (or a shared data directory) has one.
    public func batchUpFile(for kind: DatasetKind) -> String? {
        for dataPath in [directory.batchUpDataPath, directory.path].compactMap({ $0 }) {
            if let path = BatchUpFileReader.existingFile(for: kind, in: dataPath) { return path }
        }
        return nil
    }

    /// `kind` in memory with BatchUp's default validation split, read from whatever is found
    /// (see the type's discussion), downloading the originals when nothing is.
    public func load(_ kind: DatasetKind, options: StandardDatasetReader.Options = .init()) throws -> LoadedDataset {
        try read(kind, options: options).splittingDefaultValidation()
    }

    /// The HDF5 file the inspector opens for `kind`: the imported file, made once from the
    /// originals (or BatchUp's file) and kept in `DATA/KIND/KIND.h5`.
    public func hdf5File(for kind: DatasetKind, options: DatasetImporter.Options = .init()) throws -> String {
        let path = importedFile(for: kind)
        if FileManager.default.fileExists(atPath: path) { return path }
        let dataset = try read(kind, options: .init(showsProgress: options.showsProgress))
        try FileManager.default.createDirectory(atPath: directory.folder(for: kind), withIntermediateDirectories: true)
        try DatasetImporter.write(dataset, to: path, options: options)
        return path
    }

    private func read(_ kind: DatasetKind, options: StandardDatasetReader.Options) throws -> LoadedDataset {
        let folder = directory.folder(for: kind)
        let haveOriginals = kind.sourceFiles.filter { !$0.isOptional }
            .allSatisfy { FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0.name)) }
        if !haveOriginals, let converted = batchUpFile(for: kind) {
            return try BatchUpFileReader.read(kind, path: converted)
        }
        return try StandardDatasetReader.read(kind, from: originals(for: kind), options: options)
    }
}
