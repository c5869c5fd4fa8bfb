import CHDF5
import Foundation

/// Checks the stored variable-length strings of a dataset before libhdf5 reads them.
///
/// Each stored string is a length and the place of its bytes: an object of a global heap
/// collection. libhdf5 1.10 copies the heap object's size into a buffer of the stored length,
/// and trusts the object's index: a damaged length or index is a heap overflow or a wild read
/// (the fuzzer's `free(): invalid pointer` and SIGSEGV in `memcpy`). So every string's length
/// must equal its object's size, in a collection that is whole inside the file. The strings'
/// descriptors are read from the file itself, which only a contiguous dataset allows; other
/// layouts are refused.
enum HDF5VariableLengthCheck {
    /// The largest heap collection read to check it (libhdf5 reads collections whole too).
    static let largestCollectionBytes = 64 << 20

    /// Throws `fail(problem)` unless the strings of rows `rows` of `dataset` (1-D, variable-length
    /// strings) can be read safely.
    static func check(_ dataset: HDF5Dataset, rows: Range<Int>, _ fail: @escaping (String) -> HDF5Error) throws {
        guard dataset.info.layout == .contiguous else {
            throw fail(
                "its variable-length strings are stored \(dataset.info.layout.rawValue), and only contiguous ones can be checked before libhdf5 reads them (libhdf5 1.10 crashes on a damaged one); write them without chunks or compression, or as fixed-length bytes (dtype='S…')"
            )
        }
        var addressSize = 0
        var lengthSize = 0
        let plist = try HDF5Library.handle(H5Fget_create_plist(dataset.file.owner.id), fail)
        try HDF5Library.check(H5Pget_sizes(plist.id, &addressSize, &lengthSize), fail)
        guard addressSize == 8, lengthSize == 8 else {
            throw fail("its file uses \(addressSize)-byte addresses, which the string check does not read")
        }
        // Never written: every string is the fill value (empty), nothing is read from a heap.
        guard let offset = dataset.contiguousFileOffset(), !rows.isEmpty else { return }
        let file = try ReadOnlyFileBytes(path: dataset.filePath, fail)
        let descriptorSize = 16 // length (4), collection address (8), object index (4)
        let descriptors = try file.bytes(
            at: offset + UInt64(rows.lowerBound * descriptorSize), count: rows.count * descriptorSize)
        var collections = [UInt64: [UInt32: UInt64]]()
        for row in 0..<rows.count {
            let base = row * descriptorSize
            let length = UInt64(descriptors.littleEndian(at: base, size: 4))
            let address = descriptors.littleEndian(at: base + 4, size: 8)
            let index = UInt32(descriptors.littleEndian(at: base + 12, size: 4))
            if address == 0 {
                guard length == 0 else { throw fail("string \(rows.lowerBound + row) has a length but no bytes") }
                continue
            }
            if collections[address] == nil { collections[address] = try objectSizes(file, at: address, fail) }
            guard let size = collections[address]?[index], size == length else {
                throw fail(
                    "string \(rows.lowerBound + row) says \(length) bytes at heap object \(index) of \(address), which holds no such object; the file is damaged"
                )
            }
        }
    }

    /// The size of each object of the global heap collection at `address`, by index.
    private static func objectSizes(_ file: ReadOnlyFileBytes, at address: UInt64, _ fail: (String) -> HDF5Error)
        throws -> [UInt32: UInt64]
    {
        let header = try file.bytes(at: address, count: 16)
        let size = header.littleEndian(at: 8, size: 8)
        guard Array(header.prefix(4)) == Array("GCOL".utf8), header[4] == 1, size >= 16,
            size <= UInt64(largestCollectionBytes)
        else { throw fail("the heap collection at \(address) that holds its strings is damaged") }
        let collection = try file.bytes(at: address, count: Int(size))
        var sizes = [UInt32: UInt64]()
        var position = 16
        while position + 16 <= collection.count {
            let index = UInt32(collection.littleEndian(at: position, size: 2))
            let objectSize = collection.littleEndian(at: position + 8, size: 8)
            if index == 0 { break } // free space: the rest of the collection
            let padded = (objectSize + 7) & ~7
            guard objectSize <= UInt64(collection.count), UInt64(position + 16) + padded <= UInt64(collection.count)
            else { throw fail("the heap collection at \(address) that holds its strings is damaged") }
            sizes[index] = objectSize
            position += 16 + Int(padded)
        }
        return sizes
    }
}

/// Bytes of a file read with `pread`, each read checked against the file's size.
private struct ReadOnlyFileBytes {
    let handle: FileHandle
    let size: UInt64
    let fail: (String) -> HDF5Error

    init(path: String, _ fail: @escaping (String) -> HDF5Error) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw fail("the file cannot be opened") }
        self.handle = handle
        self.fail = fail
        size = (try? handle.seekToEnd()) ?? 0
    }

    func bytes(at offset: UInt64, count: Int) throws -> [UInt8] {
        guard offset <= size, UInt64(count) <= size - offset else {
            throw fail("its strings point past the end of the file")
        }
        try handle.seek(toOffset: offset)
        let data = try handle.read(upToCount: count) ?? Data()
        guard data.count == count else { throw fail("its strings point past the end of the file") }
        return [UInt8](data)
    }
}

extension Array where Element == UInt8 {
    /// The little-endian unsigned number of `size` bytes at `offset`.
    fileprivate func littleEndian(at offset: Int, size: Int) -> UInt64 {
        (0..<size).reduce(UInt64(0)) { $0 | UInt64(self[offset + $1]) << (8 * UInt64($1)) }
    }
}
