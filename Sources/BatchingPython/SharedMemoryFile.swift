import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file in `/dev/shm` (unlinked at once, so nothing is left behind even after a crash) mapped
/// into memory; a worker maps the same file through an inherited descriptor, so arrays cross
/// between the processes with one copy each way and no pipe traffic.
final class SharedMemoryFile {
    /// The descriptor both processes map.
    let descriptor: Int32
    private(set) var base: UnsafeMutableRawPointer?
    private(set) var mappedSize = 0

    init() throws {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(folder)/batchview-python-\(getpid())-\(UUID().uuidString)"
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PythonStageError.cannotShareMemory(path: path, reason: String(cString: strerror(errno)))
        }
        unlink(path)
    }

    deinit {
        if let base { munmap(base, mappedSize) }
        close(descriptor)
    }

    /// The mapping, grown to at least `size` bytes and remapped when the file grew (the worker
    /// grows it for results larger than the space after the inputs).
    func mapping(atLeast size: Int) throws -> UnsafeMutableRawPointer {
        var status = stat()
        fstat(descriptor, &status)
        var fileSize = Int(status.st_size)
        if fileSize < size {
            guard ftruncate(descriptor, off_t(size)) == 0 else {
                throw PythonStageError.cannotShareMemory(
                    path: "/dev/shm", reason: "cannot grow to \(size) bytes: \(String(cString: strerror(errno)))")
            }
            fileSize = size
        }
        if let base, fileSize == mappedSize { return base }
        if let base { munmap(base, mappedSize) }
        base = nil
        let mapped = mmap(nil, max(fileSize, 1), PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw PythonStageError.cannotShareMemory(
                path: "/dev/shm", reason: "cannot map \(fileSize) bytes: \(String(cString: strerror(errno)))")
        }
        base = mapped
        mappedSize = max(fileSize, 1)
        return mapped
    }
}
