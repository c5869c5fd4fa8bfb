import CHDF5
import Foundation

/// Where a dataset's bytes lie in its file, checked when the dataset is opened for reading —
/// before any read path is chosen, so every path (automatic, library, direct) refuses the same
/// damage.
///
/// - Contiguous: the bytes its shape needs end inside the space the superblock allocates and
///   inside the file (libhdf5 2.0: "invalid dataset size, likely file corruption"; 1.10 reads
///   whatever lies there).
/// - Chunked: the index lists no more chunks than the grid holds (`H5Dget_num_chunks`, one
///   pass); an index of up to ``listedUpTo`` chunks is listed entry by entry
///   (`H5Dget_chunk_info`) and each chunk must lie on the grid, once, inside the file. Listing
///   is O(n²) in libhdf5 1.10.8 (each entry is found by walking the index from its start; 1.10.8
///   has no `H5Dchunk_iter`, and `H5Dget_chunk_info_by_coord` walks it too), so larger indexes
///   are checked by ``HDF5ChunkBTree`` instead, which walks a version-1 B-tree in O(n).
///
/// ```swift
/// let stored = try HDF5StoredBytes(dataset: id, info: info, filePath: "train.h5", file: fileID)
/// stored.chunks?.count   // every written chunk, in row-major grid order
/// ```
struct HDF5StoredBytes: Sendable {
    /// The written chunks of a chunked dataset in row-major grid order, each on the grid and
    /// inside the file; `nil` for other layouts and for indexes of more than ``listedUpTo`` chunks.
    let chunks: [HDF5ChunkLocation]?
    /// Where HDF5 address 0 lies in the file (the user block's size): libhdf5 reports addresses
    /// relative to it.
    let base: UInt64

    /// The most index entries listed one by one (O(n²) in libhdf5 1.10: 0.13 s for 4,000).
    static let listedUpTo = 4096

    /// Checks the bytes of the open dataset `dataset` (described by `info`) of the open file
    /// `file` at `filePath`.
    ///
    /// - Throws: ``HDF5Error/damagedDataset(file:dataset:problem:)`` for damage.
    init(dataset: hid_t, info: HDF5DatasetInfo, filePath: String, file: hid_t) throws {
        let damaged: (String) -> HDF5Error = { .damagedDataset(file: filePath, dataset: info.path, problem: $0) }
        var userBlock: hsize_t = 0
        let plist = H5Fget_create_plist(file)
        if plist >= 0 {
            if H5Pget_userblock(plist, &userBlock) < 0 { userBlock = 0 }
            H5Pclose(plist)
        }
        _ = HDF5Library.takeErrorMessage()
        base = UInt64(userBlock)
        var status = stat()
        let fileSize = stat(filePath, &status) == 0 ? UInt64(max(status.st_size, 0)) : UInt64.max
        var allocated: haddr_t = 0
        let readable =
            H5Fget_eoa(file, &allocated) >= 0
            ? min(fileSize, UInt64(allocated).addingReportingOverflow(base).partialValue) : fileSize
        _ = HDF5Library.takeErrorMessage()
        /// Whether `count` bytes at file offset `start` lie inside the readable space.
        let inside = { (start: UInt64, count: UInt64) -> Bool in
            let (end, overflow) = start.addingReportingOverflow(count)
            return !overflow && end <= readable
        }
        switch info.layout {
        case .contiguous:
            chunks = nil
            // `H5Dget_offset` is a file offset (user block included), unlike chunk addresses.
            let address = H5Dget_offset(dataset)
            _ = HDF5Library.takeErrorMessage()
            guard address != bv_HADDR_UNDEF(), let bytes = Self.storedByteCount(of: dataset, shape: info.shape) else {
                return
            }
            guard inside(UInt64(address), bytes) else {
                throw damaged(
                    "its \(bytes) bytes at offset \(address) end past the file (or its allocated space); it looks truncated"
                )
            }
        case .chunked:
            chunks = try Self.chunks(of: dataset, info: info, base: base, inside: inside, damaged: damaged)
        default:
            chunks = nil
        }
    }

    /// The bytes the stored elements of `shape` take in the file (the file's element size, which
    /// may be narrower than the one rows are read as); `nil` when they cannot be counted.
    private static func storedByteCount(of dataset: hid_t, shape: [Int]) -> UInt64? {
        let type = H5Dget_type(dataset)
        guard type >= 0 else { return nil }
        defer { H5Tclose(type) }
        var bytes = UInt64(H5Tget_size(type))
        for extent in shape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: UInt64(max(extent, 0)))
            if overflow { return nil }
            bytes = product
        }
        return bytes
    }

    /// The chunks of a chunked dataset, checked (see the type's description).
    private static func chunks(
        of dataset: hid_t, info: HDF5DatasetInfo, base: UInt64, inside: (UInt64, UInt64) -> Bool,
        damaged: (String) -> HDF5Error
    ) throws -> [HDF5ChunkLocation]? {
        guard let chunk = info.chunkShape, chunk.count == info.rank, info.rank > 0 else { return nil }
        let space = H5Dget_space(dataset)
        var listed: hsize_t = 0
        let counted = space >= 0 && H5Dget_num_chunks(dataset, space, &listed) >= 0
        if space >= 0 { H5Sclose(space) }
        guard counted else {
            throw damaged("its chunk index cannot be read (\(HDF5Library.takeErrorMessage() ?? "no reason given"))")
        }
        // The grid: chunks along each axis, and their product (checked: the shape is damage-checked
        // already, but a grid of 2^63 positions is still no grid to walk).
        let along = zip(info.shape, chunk).map { ($0 + $1 - 1) / $1 }
        var positions = 1
        for count in along {
            let (product, overflow) = positions.multipliedReportingOverflow(by: count)
            positions = overflow ? Int.max : product
        }
        guard listed <= UInt64(positions) else {
            throw damaged("its chunk index lists \(listed) chunks, more than the \(positions) its grid holds")
        }
        if listed <= listedUpTo {
            return try listedChunks(
                of: dataset, count: Int(listed), chunk: chunk, along: along, base: base, inside: inside,
                damaged: damaged)
        }
        // Larger indexes: their keys and chunk bounds are checked by walking the B-tree
        // (``HDF5ChunkBTree``, when the dataset is described); 1.10 offers no cheaper listing.
        return nil
    }

    /// The chunks of a small index, listed entry by entry (`H5Dget_chunk_info`: the origins the
    /// index stores, which a lookup by coordinates does not see), each checked to lie on the grid
    /// `along` chunks of `chunk` wide, once, inside the file; in row-major grid order.
    private static func listedChunks(
        of dataset: hid_t, count: Int, chunk: [Int], along: [Int], base: UInt64, inside: (UInt64, UInt64) -> Bool,
        damaged: (String) -> HDF5Error
    ) throws -> [HDF5ChunkLocation] {
        let space = H5Dget_space(dataset)
        guard space >= 0 else { throw damaged("its dataspace cannot be read") }
        defer { H5Sclose(space) }
        var numbered = [Int: HDF5ChunkLocation]()
        var origin = [hsize_t](repeating: 0, count: chunk.count)
        for index in 0..<count {
            var mask: UInt32 = 0
            var address: haddr_t = 0
            var size: hsize_t = 0
            guard H5Dget_chunk_info(dataset, space, hsize_t(index), &origin, &mask, &address, &size) >= 0 else {
                throw damaged(
                    "its chunk index cannot be listed (\(HDF5Library.takeErrorMessage() ?? "no reason given"))")
            }
            var number = 0
            for axis in 0..<chunk.count {
                let (position, remainder) = Int(clamping: origin[axis]).quotientAndRemainder(dividingBy: chunk[axis])
                guard remainder == 0, position < along[axis] else {
                    throw damaged("its chunk index lists a chunk at \(origin), off its chunk grid")
                }
                number = number * along[axis] + position
            }
            let (start, overflow) = base.addingReportingOverflow(UInt64(address))
            guard size <= HDF5StoredShape.largestChunkBytes, !overflow, inside(start, UInt64(size)) else {
                throw damaged(
                    "its chunk at \(origin) of \(size) bytes at offset \(address) lies past the file (or its allocated space); it looks truncated"
                )
            }
            guard numbered[number] == nil else { throw damaged("its chunk index lists the chunk at \(origin) twice") }
            numbered[number] = HDF5ChunkLocation(
                origin: origin.map { Int($0) }, filterMask: mask, fileOffset: start, storedSize: Int(size))
        }
        return numbered.keys.sorted().compactMap { numbered[$0] }
    }
}
