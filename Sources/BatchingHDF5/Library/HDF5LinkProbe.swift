import CHDF5
import Foundation

/// Follows an external link through libhdf5 to learn whether its file and object exist.
enum HDF5LinkProbe {
    /// The state of the external link at `path` of `file`, which names `object` in `targetFile`.
    ///
    /// The library searches for a relative `targetFile` in `HDF5_EXT_PREFIX`, the current folder
    /// and the linking file's folder; the message lists the places that apply.
    static func externalState(in file: HDF5File, path: String, targetFile: String, object: String) -> HDF5LinkState {
        let searched = searchedPaths(for: targetFile, linkingFile: file.path)
        let found = searched.first { FileManager.default.fileExists(atPath: $0) }
        let (status, detail) = HDF5Library.call { () -> (herr_t, String?) in
            var info = H5O_info_t()
            let status = H5Oget_info_by_name2(file.owner.id, path, &info, bv_H5O_INFO_BASIC(), bv_H5P_DEFAULT())
            return (status, HDF5Library.takeErrorMessage())
        }
        if status >= 0 { return .external(file: targetFile, object: object, foundAt: found ?? targetFile) }
        guard let found else { return .missingExternalFile(file: targetFile, object: object, searched: searched) }
        let reason = detail ?? "it could not be opened"
        let missing = reason.contains("doesn't exist") || reason.contains("not found")
        return .missingExternalObject(
            file: targetFile, object: object, foundAt: found,
            detail: missing ? "has no \"\(object)\"" : "could not be opened (\(reason))")
    }

    /// Where libhdf5 looks for the external file `target` named by a link in `linkingFile`.
    static func searchedPaths(for target: String, linkingFile: String) -> [String] {
        let name = target as NSString
        guard !name.isAbsolutePath else { return [target] }
        var paths = [String]()
        if let prefixes = ProcessInfo.processInfo.environment["HDF5_EXT_PREFIX"] {
            paths += prefixes.split(separator: ":").map { ($0 as NSString).appendingPathComponent(target) }
        }
        paths.append(target)
        let folder = (linkingFile as NSString).deletingLastPathComponent
        if !folder.isEmpty { paths.append((folder as NSString).appendingPathComponent(target)) }
        let current = FileManager.default.currentDirectoryPath as NSString
        let absolute = paths.map { ($0 as NSString).isAbsolutePath ? $0 : current.appendingPathComponent($0) }
            .map { ($0 as NSString).standardizingPath }
        var seen = Set<String>()
        return absolute.filter { seen.insert($0).inserted }
    }
}
