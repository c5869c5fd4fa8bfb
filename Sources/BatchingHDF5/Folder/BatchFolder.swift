import Batching
import Foundation

/// The HDF5 files a path names — one file, every `*.h5` of a folder, or a glob — opened in
/// natural order (`batch_2` before `batch_10`).
///
/// ```swift
/// let folder = try BatchFolder(path: "contents/train")      // or "contents/train/batch_*.h5"
/// folder.files.map(\.name)                                  // ["batch_0.h5", "batch_1.h5", …]
/// let images = try folder.column("images")                  // one column, global indices
/// ```
public struct BatchFolder: Sendable {
    /// The path as given.
    public let path: String
    /// The files, opened read-only, in natural order.
    public let files: [HDF5File]

    /// File name endings taken as HDF5 in a folder.
    public static let extensions = ["h5", "hdf5", "hdf", "he5"]

    /// Opens every file `path` names.
    ///
    /// - Throws: ``HDF5Error/fileNotFound(path:)``, ``HDF5Error/emptyFolder(path:)``, and the
    ///   error of the first file that cannot be opened (naming that file).
    public init(path: String) throws {
        self.path = path
        let paths = try BatchFolder.resolve(path)
        BatchFolder.allowOpenFiles(paths.count)
        files = try paths.map { try HDF5File(path: $0) }
    }

    /// Raises the soft limit on open files towards the hard limit when a folder holds more files
    /// than the usual 1,024 allow (every file stays open while the folder is in use).
    private static func allowOpenFiles(_ count: Int) {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(count + 64)
        else { return }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(count + 256))
        setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// The file paths `path` names, in natural order, without opening them.
    public static func resolve(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return [path] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let matching = names.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted(by: NaturalOrder.precedes)
            guard !matching.isEmpty else { throw HDF5Error.emptyFolder(path: path) }
            return matching.map { (path as NSString).appendingPathComponent($0) }
        }
        guard path.contains(where: { "*?[".contains($0) }) else { throw HDF5Error.fileNotFound(path: path) }
        let matches = glob(path).filter { !isFolder($0) }
        guard !matches.isEmpty else { throw HDF5Error.emptyFolder(path: path) }
        return matches.sorted {
            NaturalOrder.precedes(($0 as NSString).lastPathComponent, ($1 as NSString).lastPathComponent)
        }
    }

    /// One column joining the dataset `dataset` of every file; its global row *i* counts on
    /// across files.
    ///
    /// - Throws: ``HDF5Error/noSuchDataset(file:dataset:available:)`` or
    ///   ``HDF5Error/folderMismatch(file:dataset:detail:)`` naming the first file that differs.
    public func column(
        _ dataset: String, readPath: HDF5ReadPath = .automatic, chunkCache: DecodedChunkCache = DecodedChunkCache(),
        deflate: DeflateDecoder = .exact
    ) throws -> any BatchColumn {
        let columns = try perFileColumns(dataset, readPath: readPath, chunkCache: chunkCache, deflate: deflate)
        return columns.count == 1 ? columns[0] : try MultiFileColumn(columns)
    }

    /// The dataset `dataset` of each file as its own column, checked to agree in type and row
    /// shape; the columns share `chunkCache` and inflate gzip chunks with `deflate`.
    public func perFileColumns(
        _ dataset: String, readPath: HDF5ReadPath = .automatic, chunkCache: DecodedChunkCache = DecodedChunkCache(),
        deflate: DeflateDecoder = .exact
    ) throws -> [HDF5Column] {
        var columns = [HDF5Column]()
        for file in files {
            let column = try HDF5Column(
                file: file, dataset: dataset, readPath: readPath, chunkCache: chunkCache, deflate: deflate)
            if let first = columns.first, column.dtype != first.dtype || column.rowShape != first.rowShape {
                throw HDF5Error.folderMismatch(
                    file: file.path, dataset: dataset,
                    detail:
                        "holds rows of \(column.dtype) \(column.rowShape) but \(files[0].name) holds \(first.dtype) \(first.rowShape)"
                )
            }
            columns.append(column)
        }
        return columns
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
    }
}
