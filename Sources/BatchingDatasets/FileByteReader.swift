#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file front to back with plain `read(2)` calls.
final class FileByteReader: ByteReader {
    let path: String
    private let descriptor: Int32
    /// The file's size in bytes when it was opened.
    let size: Int
    /// Where bytes read are reported (the import progress bar), if anywhere.
    private let progress = ReadProgress.current

    /// Opens `path` read-only.
    ///
    /// - Throws: ``DatasetError/io(path:detail:)`` when it cannot be opened.
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw DatasetError.io(path: path, detail: "cannot be opened (\(String(cString: strerror(errno))))")
        }
        var info = stat()
        size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            let n = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 {
                progress?.add(n)
                return n
            }
            if errno == EINTR { continue }
            throw DatasetError.io(path: path, detail: "read failed (\(String(cString: strerror(errno))))")
        }
    }
}

#if canImport(Glibc)
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    private let systemRead = Darwin.read
#endif
