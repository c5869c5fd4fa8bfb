import Foundation

/// A file opened read-only for positioned reads from any thread: `pread`, or copies out of a
/// read-only memory mapping.
///
/// The direct-read path reads dataset bytes itself, at offsets libhdf5 reported, so that reading
/// never waits on the library's global lock. `pread` keeps no shared file position, so many
/// threads can read through one descriptor at once. Scattered small rows are cheaper to copy out
/// of a mapping (no system call per row); ``mapping`` is that view, when the system grants it.
///
/// A mapped file that another program truncates while it is being read raises `SIGBUS`; input
/// files are expected to stay put while they are read (h5py makes the same assumption of its
/// chunk cache).
///
/// ```swift
/// let file = try ReadOnlyFile(path: "train.h5")
/// try file.read(into: buffer, at: 2048)
/// ```
// Unchecked: every stored property is immutable after `init`; the mapping is read-only.
public final class ReadOnlyFile: @unchecked Sendable {
    /// The path the file was opened from.
    public let path: String
    /// The file's size in bytes when it was opened.
    public let size: UInt64
    /// The device and inode the descriptor refers to, to tell a replaced file from the same one.
    let identity: FileIdentity
    private let descriptor: Int32
    private let mapped: UnsafeRawBufferPointer?

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
        identity = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        if status.st_size > 0, let base = mmap(nil, Int(status.st_size), PROT_READ, MAP_SHARED, fd, 0),
            base != MAP_FAILED
        {
            mapped = UnsafeRawBufferPointer(start: base, count: Int(status.st_size))
        } else {
            mapped = nil
        }
    }

    deinit {
        if let mapped { munmap(UnsafeMutableRawPointer(mutating: mapped.baseAddress), mapped.count) }
        close(descriptor)
    }

    /// The whole file mapped read-only into memory, or `nil` when it could not be mapped (then
    /// ``read(into:at:)`` still works).
    public var mapping: UnsafeRawBufferPointer? { mapped }

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
                    "reading \(buffer.count) bytes at offset \(offset) of '\(path)' failed: \(String(cString: strerror(errno)))"
                )
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
