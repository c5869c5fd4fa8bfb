import Foundation

/// A file opened read-only for positioned reads (`pread`) from any thread.
///
/// The direct-read path reads dataset bytes itself, at offsets libhdf5 reported, so that reading
/// never waits on the library's global lock. `pread` keeps no shared file position, so many
/// threads can read through one descriptor at once.
///
/// ```swift
/// let file = try ReadOnlyFile(path: "train.h5")
/// try file.read(into: buffer, at: 2048)
/// ```
public final class ReadOnlyFile: Sendable {
    /// The path the file was opened from.
    public let path: String
    /// The file's size in bytes when it was opened.
    public let size: UInt64
    private let descriptor: Int32

    /// Opens `path` for reading.
    ///
    /// - Throws: ``FastPathError/readFailed(_:)`` when the file cannot be opened.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw FastPathError.readFailed("cannot open '\(path)' for reading: \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw FastPathError.readFailed("cannot inspect '\(path)': \(reason)")
        }
        self.path = path
        descriptor = fd
        size = UInt64(status.st_size)
    }

    deinit { close(descriptor) }

    /// Fills `buffer` with the file's bytes starting at `offset`.
    ///
    /// - Throws: ``FastPathError/readFailed(_:)`` when the file ends early or the read fails.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        guard var cursor = buffer.baseAddress else { return }
        var remaining = buffer.count
        var position = off_t(offset)
        while remaining > 0 {
            let got = pread(descriptor, cursor, remaining, position)
            if got < 0 {
                if errno == EINTR { continue }
                throw FastPathError.readFailed(
                    "reading \(buffer.count) bytes at offset \(offset) of '\(path)' failed: \(String(cString: strerror(errno)))")
            }
            if got == 0 {
                throw FastPathError.readFailed(
                    "'\(path)' ends before offset \(offset + UInt64(buffer.count)); the file is truncated")
            }
            cursor += got
            remaining -= got
            position += off_t(got)
        }
    }
}
