import Foundation

/// An HDF5 file opened read-only, with its whole group tree described at open.
///
/// Opening never writes to the file. The description (groups, datasets with shape, type,
/// layout, chunks and filters, attributes, soft links) is read once; rows are read through
/// ``HDF5Column``.
///
/// ```swift
/// let file = try HDF5File(path: "data/train.h5")
/// for info in file.root.allDatasets { print(info.path, info.shape, info.elementType) }
/// let images = try file.dataset("train/images")
/// ```
public final class HDF5File: Sendable {
    /// The path the file was opened from.
    public let path: String
    /// The root group and everything under it.
    public let root: HDF5Group
    let owner: HDF5Handle

    /// Opens the file at `path` read-only and describes it.
    ///
    /// - Throws: ``HDF5Error/fileNotFound(path:)``, ``HDF5Error/notHDF5(path:)``,
    ///   ``HDF5Error/unreadableFile(path:detail:)``.
    public init(path: String) throws {
        self.path = path
        var status = stat()
        guard stat(path, &status) == 0 else { throw HDF5Error.fileNotFound(path: path) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw HDF5Error.invalidArgument("\(path) is a folder, not an HDF5 file")
        default:
            // Opening a named pipe waits for a writer, and none of these can be read at offsets.
            throw HDF5Error.invalidArgument(
                "\(path) is not a regular file (\(Self.kind(of: status.st_mode))), so it cannot be read as HDF5")
        }
        (owner, root) = try HDF5FileOpening.open(path)
    }

    /// What kind of file other than a regular one or a folder `mode` says a path is.
    private static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a named pipe"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "not a file"
        }
    }

    /// Why libhdf5 could not open `path`, from its innermost message: out of file descriptors
    /// (its message carries `errno = 24`, EMFILE), or else an unreadable file.
    static func openingError(path: String, detail: String) -> HDF5Error {
        guard detail.contains("errno = \(EMFILE)") || detail.contains("Too many open files") else {
            return .unreadableFile(path: path, detail: detail)
        }
        var limit = rlimit()
        let known = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0
        return .tooManyOpenFiles(path: path, limit: known ? Int(limit.rlim_cur) : 1024)
    }

    /// The paths of every dataset in the file, depth first.
    public var datasetPaths: [String] { root.allDatasets.map(\.path) }

    /// The file's name without folders, for messages.
    public var name: String { (path as NSString).lastPathComponent }

    /// Opens the dataset at `path` (soft links are followed; external links are not, since the
    /// direct reader reads this file's own bytes).
    ///
    /// - Throws: ``HDF5Error/unusableLink(file:link:state:)`` for a dangling soft link or an
    ///   external link, ``HDF5Error/noSuchDataset(file:dataset:available:)`` when there is none.
    public func dataset(_ path: String) throws -> HDF5Dataset {
        if let (link, state) = brokenLink(at: path) {
            throw HDF5Error.unusableLink(file: self.path, link: link, state: state)
        }
        return try HDF5Dataset(file: self, path: HDF5Group.normalise(path))
    }
}
