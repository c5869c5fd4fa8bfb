import Foundation
import Synchronization

/// Which file a path names: its device and inode.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    /// The identity of the file at `path` now, or `nil` when it cannot be inspected.
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}

extension ReadOnlyFile {
    /// The open file for `path` that every reader in the process shares while any of them lives,
    /// or a newly opened one.
    ///
    /// An images and a labels column of one file, and every dataset of a folder's files, then use
    /// one descriptor and one mapping per file rather than one per dataset (a folder of hundreds
    /// of batch files stays far from the usual limit of 1,024 open files). A file replaced on disk
    /// since it was opened (another inode at the path) is opened afresh.
    ///
    /// ```swift
    /// let a = try ReadOnlyFile.shared(path: "train.h5")
    /// let b = try ReadOnlyFile.shared(path: "train.h5")   // a === b
    /// ```
    public static func shared(path: String) throws -> ReadOnlyFile {
        let identity = FileIdentity(path: path)
        if let identity, let open = _openFiles.withLock({ $0[path]?.file }), open.identity == identity {
            return open
        }
        let file = try ReadOnlyFile(path: path)
        _openFiles.withLock { files in
            files = files.filter { $0.value.file != nil }
            files[path] = _WeakFile(file)
        }
        return file
    }
}

/// A reference to an open file that does not keep it open.
final class _WeakFile: @unchecked Sendable {
    // Unchecked: only read and written under `_openFiles`'s lock.
    weak var file: ReadOnlyFile?

    init(_ file: ReadOnlyFile) { self.file = file }
}

/// The files ``ReadOnlyFile/shared(path:)`` has handed out, by path.
///
/// Process-wide on purpose, and not mutable state anyone can observe: it holds no setting and no
/// data, only weak references to read-only files that are open anyway. Whoever asks for a path
/// gets a file with the same bytes whether or not the entry was there (a replaced file is opened
/// afresh); what it saves is descriptors and mappings, which are process-wide themselves (the
/// descriptor limit is per process), so an owner smaller than the process would not bound them.
let _openFiles = Mutex<[String: _WeakFile]>([:])
