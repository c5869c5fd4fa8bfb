import CHDF5
import Foundation

/// The raw bytes of an open HDF5 file, for the few structures batchview checks itself (object
/// headers, the superblock): positioned reads at HDF5 addresses, each checked against the file's
/// size and bounded, never trusted.
///
/// Addresses in an HDF5 file are relative to its base (the end of a user block); the widths of
/// addresses and lengths are the file's own (`H5Pget_sizes`). Both come from libhdf5, which has
/// already opened the file.
///
/// ```swift
/// let bytes = try HDF5FileBytes(object: dataset, path: "train.h5")
/// bytes?.read(at: 800, count: 16)   // the first 16 bytes of the header at address 800
/// ```
final class HDF5FileBytes {
    /// The most bytes one read returns (an object header chunk, a message): far above any real
    /// header (64 KiB messages), far below any machine's memory.
    static let largestRead = HDF5SmallRead.largestBytes

    /// The file's size in bytes.
    let size: UInt64
    /// Where address 0 lies in the file (the user block's size).
    let base: UInt64
    /// The width of an address in the file (2, 4 or 8 bytes).
    let addressWidth: Int
    /// The width of a length in the file (2, 4 or 8 bytes).
    let lengthWidth: Int
    private let descriptor: Int32

    /// The bytes of the file at `path`, which libhdf5 holds open as the file of `object`; `nil`
    /// when the file cannot be opened or libhdf5 cannot describe it.
    init?(object: hid_t, path: String) {
        let file = H5Iget_file_id(object)
        guard file >= 0 else {
            _ = HDF5Library.takeErrorMessage()
            return nil
        }
        defer { H5Fclose(file) }
        let plist = H5Fget_create_plist(file)
        guard plist >= 0 else {
            _ = HDF5Library.takeErrorMessage()
            return nil
        }
        defer { H5Pclose(plist) }
        var addressWidth = 0
        var lengthWidth = 0
        var userBlock: hsize_t = 0
        guard H5Pget_sizes(plist, &addressWidth, &lengthWidth) >= 0, H5Pget_userblock(plist, &userBlock) >= 0,
            [2, 4, 8].contains(addressWidth), [2, 4, 8].contains(lengthWidth)
        else {
            _ = HDF5Library.takeErrorMessage()
            return nil
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        size = UInt64(max(status.st_size, 0))
        base = UInt64(userBlock)
        self.addressWidth = addressWidth
        self.lengthWidth = lengthWidth
    }

    deinit { close(descriptor) }

    /// The `count` bytes at HDF5 address `address`; `nil` when any of them lies outside the file
    /// or `count` is over ``largestRead``.
    func read(at address: UInt64, count: Int) -> [UInt8]? {
        guard count >= 0, count <= Self.largestRead else { return nil }
        let (start, overflow) = address.addingReportingOverflow(base)
        guard !overflow, start <= size, UInt64(count) <= size - start, let offset = off_t(exactly: start) else {
            return nil
        }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + done, count - done, offset + off_t(done))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return nil }
            done += got
        }
        return bytes
    }
}

extension Array where Element == UInt8 {
    /// The little-endian unsigned number of `width` bytes (at most 8) at `offset`; `nil` when
    /// the bytes run past the end.
    func littleEndian(at offset: Int, width: Int) -> UInt64? {
        guard width >= 0, width <= 8, offset >= 0, offset <= count - width else { return nil }
        var value: UInt64 = 0
        for index in stride(from: width - 1, through: 0, by: -1) {
            value = value << 8 | UInt64(self[offset + index])
        }
        return value
    }
}
