import Foundation

/// The files of a dataset's original distribution, whether still packed in a tarball
/// (`.tar.gz`, `.tgz`, `.tar`) or already unpacked into a folder.
///
/// Readers ask for files by their base name (`data_batch_1.bin`), so it does not matter whether
/// the tarball's top folder (`cifar-10-batches-bin/`) is kept or not.
struct ArchiveMembers {
    /// The tarball or folder.
    let path: String

    /// Calls `visit` for every regular file whose base name is in `names` (each at most once).
    ///
    /// A folder is searched recursively; a tarball is read in one streaming pass.
    func visit(_ names: Set<String>, _ visit: (_ name: String, _ size: Int, _ reader: ByteReader) throws -> Void) throws
    {
        var seen = Set<String>()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError.io(path: path, detail: "does not exist")
        }
        if isDirectory.boolValue {
            for file in Self.files(under: URL(fileURLWithPath: path)) {
                let base = file.lastPathComponent
                guard names.contains(base), !seen.contains(base) else { continue }
                seen.insert(base)
                let reader = try FileByteReader(path: file.path)
                try visit(base, reader.size, reader)
            }
        } else {
            let file = try openPossiblyGzipped(path)
            try TarReader(file).forEachFile { name, size, reader in
                let base = (name as NSString).lastPathComponent
                if names.contains(base), !seen.contains(base) {
                    seen.insert(base)
                    try visit(base, size, reader)
                }
                return seen.count < names.count
            }
        }
    }

    /// Every regular file under `root`, sorted by path so the search is deterministic.
    private static func files(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var found: [URL] = []
        for case let url as URL in walker
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            found.append(url)
        }
        return found.sorted { $0.path < $1.path }
    }
}
