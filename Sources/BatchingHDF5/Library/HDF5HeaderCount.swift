import CHDF5
import Foundation

/// The message count of a version-1 object header, checked against the messages libhdf5 found.
///
/// A version-1 header states how many messages it holds. libhdf5 1.10 reads the messages it
/// finds and ignores a stated count that is lower; newer libraries (and so h5py) refuse such a
/// header ("bad object header message count"). Reading the same file the same way everywhere
/// means refusing it here too. A stated count above the found one is normal: libhdf5 merges
/// neighbouring null messages as it reads.
enum HDF5HeaderCount {
    /// Why the open object `object` of the file at `filePath` has a damaged header count, as a
    /// clause; `nil` when its header is of version 2 or its count is consistent.
    static func problem(_ object: hid_t, filePath: String) -> String? {
        var info = H5O_info_t()
        guard H5Oget_info2(object, &info, bv_H5O_INFO_BASIC() | bv_H5O_INFO_HDR()) >= 0 else {
            _ = HDF5Library.takeErrorMessage()
            return nil
        }
        guard info.hdr.version == 1, let stated = statedCount(at: UInt64(info.addr), filePath: filePath),
            stated < info.hdr.nmesgs
        else { return nil }
        return "its object header says it holds \(stated) messages but holds \(info.hdr.nmesgs)"
    }

    /// The little-endian 16-bit count two bytes into the version-1 header at `address`.
    private static func statedCount(at address: UInt64, filePath: String) -> UInt32? {
        guard let offset = off_t(exactly: address + 2) else { return nil }
        let descriptor = open(filePath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: (UInt8, UInt8) = (0, 0)
        let read = withUnsafeMutableBytes(of: &bytes) { pread(descriptor, $0.baseAddress, 2, offset) }
        return read == 2 ? UInt32(bytes.0) | UInt32(bytes.1) << 8 : nil
    }
}
