import CHDF5

/// The damage libhdf5 2.0 (and so h5py) refuses in a file's superblock and object headers but
/// Debian's libhdf5 1.10 reads past — checked here so that batchview reads a file the same way
/// on every read path and every machine: it refuses what h5py refuses.
///
/// What is checked (each found by the fuzzer, `scripts/fuzz.py`, and confirmed against h5py):
/// - the structure of every header on the way to a dataset (``HDF5ObjectHeader``: chunk sizes,
///   message flags, gaps, message count);
/// - modification-time messages, which libhdf5 2.0 decodes whenever it opens an object;
/// - a chunked dataset's layout message, whose stored element size must equal its datatype's;
/// - a version-0/1 superblock's status flags, of which only the low byte is defined.
///
/// ```swift
/// HDF5HeaderCheck.problem(of: dataset, filePath: "train.h5", elementSize: .bytes(1))
/// // "its object header flags a message of type 8, which cannot be shared, as shared"
/// ```
enum HDF5HeaderCheck {
    /// The size a dataset's elements take in the file, which its chunk layout repeats.
    enum StoredElementSize {
        /// A fixed-size type of this many bytes (`H5Tget_size`).
        case bytes(Int)
        /// A variable-length string or sequence: stored as a 4-byte length and a global heap ID
        /// (an address and a 4-byte index), whatever `H5Tget_size` says of its memory form.
        case variableLength
        /// A compound or array holding variable-length members, whose stored size is not
        /// worked out here: the layout's element size is not checked.
        case unchecked
    }

    /// Why the header of the open object `object` (a group or a dataset of the file at
    /// `filePath`) is damaged, as a clause; `nil` when it passes or cannot be read here. Give
    /// `elementSize` (how its elements are stored) for a dataset, to check its layout message.
    static func problem(of object: hid_t, filePath: String, elementSize: StoredElementSize? = nil) -> String? {
        var info = H5O_info_t()
        guard H5Oget_info2(object, &info, bv_H5O_INFO_BASIC()) >= 0,
            let bytes = HDF5FileBytes(object: object, path: filePath)
        else {
            _ = HDF5Library.takeErrorMessage()
            return nil
        }
        switch HDF5ObjectHeader.read(at: UInt64(info.addr), in: bytes) {
        case .unchecked: return nil
        case .damaged(let problem): return problem
        case .read(let header):
            for message in header.messages {
                if let problem = modificationTimeProblem(message) { return problem }
            }
            guard let elementSize, let layout = header.messages.first(where: { $0.type == 8 }) else { return nil }
            return layoutProblem(layout.body, elementSize: elementSize, bytes: bytes)
        }
    }

    /// Why the superblock of the file libhdf5 opened as `file` (at `path`) is damaged; `nil`
    /// when it is not (or cannot be read here). Superblocks of version 0 and 1 store 32-bit
    /// status flags of which libhdf5 defines the low byte; 2.0 refuses the other bits ("bad
    /// superblock status flags"), 1.10 ignores them.
    static func superblockProblem(file: hid_t, path: String) -> String? {
        guard let bytes = HDF5FileBytes(object: file, path: path),
            let superblock = bytes.read(at: 0, count: 24), superblock.starts(with: [0x89, 0x48, 0x44, 0x46]),
            superblock[8] < 2, let flags = superblock.littleEndian(at: 20, width: 4)
        else { return nil }
        return flags & ~0xFF == 0 ? nil : "its superblock's status flags 0x\(String(flags, radix: 16)) are undefined"
    }

    /// Why a modification-time message cannot be decoded, as libhdf5 2.0 decodes it on opening
    /// an object: the old form (type 14) is 14 ASCII digits `YYYYMMDDhhmmss` and 2 reserved
    /// bytes, the new form (type 18) a version byte of 1, 3 reserved bytes and 4 bytes of time.
    private static func modificationTimeProblem(_ message: HDF5ObjectHeader.Message) -> String? {
        switch message.type {
        case 14:
            let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
            guard message.body.count >= 16, message.body.prefix(14).allSatisfy(digits.contains) else {
                return "its modification time message is not a date"
            }
        case 18:
            guard message.body.count >= 8, message.body[0] == 1 else {
                return "its modification time message has an unknown version"
            }
        default: break
        }
        return nil
    }

    /// Why a chunked dataset's layout message `body` disagrees with its datatype of
    /// `elementSize` bytes: a chunked layout stores the element size as its last chunk
    /// dimension, and libhdf5 2.0 refuses a dataset where they differ ("stored datatype size in
    /// chunk layout does not match datatype description") while 1.10 reads chunks of the wrong
    /// size. Layout versions 3 and 4 are checked (what h5py and libhdf5 since 1.6 write).
    private static func layoutProblem(_ body: [UInt8], elementSize: StoredElementSize, bytes: HDF5FileBytes)
        -> String?
    {
        let addressWidth = bytes.addressWidth
        let expected: Int? =
            switch elementSize {
            case .bytes(let size): size
            case .variableLength: 4 + addressWidth + 4
            case .unchecked: nil
            }
        guard body.count >= 2, body[1] == 2 else { return nil }
        let stored: UInt64?
        switch body[0] {
        case 3:
            // Version 3: rank + 1, the index address, then 4-byte dimensions (the element size last).
            guard body.count >= 3, body[2] >= 1 else { return nil }
            stored = body.littleEndian(at: 3 + addressWidth + 4 * (Int(body[2]) - 1), width: 4)
        case 4:
            // Version 4: flags, rank + 1, the width of each dimension, then the dimensions.
            guard body.count >= 5, body[3] >= 1, (1...8).contains(body[4]) else { return nil }
            let width = Int(body[4])
            stored = body.littleEndian(at: 5 + width * (Int(body[3]) - 1), width: width)
        default: return nil
        }
        if let stored, let expected, stored != UInt64(expected) {
            return "its chunk layout stores elements of \(stored) bytes but its datatype has \(expected)"
        }
        // Version 3 indexes chunks with a version-1 B-tree, whose keys are checked too.
        guard body[0] == 3, let root = body.littleEndian(at: 3, width: addressWidth),
            root != UInt64.max >> (64 - 8 * addressWidth)
        else { return nil }
        let dimensions = (0..<Int(body[2])).compactMap { body.littleEndian(at: 3 + addressWidth + 4 * $0, width: 4) }
        return dimensions.count == Int(body[2]) ? HDF5ChunkBTree.problem(root: root, chunk: dimensions, in: bytes) : nil
    }
}
