import CHDF5

/// The libhdf5 side of ``HDF5File/init(path:)``: opens a file read-only and describes its tree.
///
/// ```swift
/// let (file, root) = try HDF5FileOpening.open("train.h5")
/// root.allDatasets.map(\.path)   // ["images", "labels"]
/// ```
enum HDF5FileOpening {
    /// The open file at `path` and its root group, every group and dataset below described.
    ///
    /// - Throws: ``HDF5Error/notHDF5(path:)``, ``HDF5Error/tooManyOpenFiles(path:limit:)``,
    ///   ``HDF5Error/unreadableFile(path:detail:)``.
    static func open(_ path: String) throws -> (file: HDF5Handle, root: HDF5Group) {
        let file = try HDF5Library.call {
            let isHDF5 = H5Fis_hdf5(path)
            if isHDF5 == 0 { throw HDF5Error.notHDF5(path: path) }
            if isHDF5 < 0 {
                throw HDF5File.openingError(path: path, detail: HDF5Library.takeErrorMessage() ?? "it cannot be read")
            }
            let file = try HDF5Library.handle(H5Fopen(path, bv_H5F_ACC_RDONLY(), bv_H5P_DEFAULT())) {
                HDF5File.openingError(path: path, detail: $0)
            }
            _ = bv_set_close_on_exec(file.id) // a python worker spawned later must not hold the file
            return file
        }
        if let problem = HDF5HeaderCheck.superblockProblem(file: file.id, path: path) {
            throw HDF5Error.unreadableFile(path: path, detail: problem)
        }
        var visited = Set<UInt64>()
        let rootGroup = try HDF5Library.handle(H5Gopen2(file.id, "/", bv_H5P_DEFAULT())) {
            .unreadableFile(path: path, detail: $0)
        }
        return (file, try HDF5TreeReader.group(rootGroup.id, path: "", file: path, visited: &visited))
    }
}
