/// The version-1 B-tree that indexes the chunks of a chunked dataset of layout version 3 (what
/// h5py and libhdf5 write by default), walked from the file's bytes to check its keys as libhdf5
/// 2.0 decodes them.
///
/// Each key holds a chunk's offset along every axis (and the element-size axis); 2.0 refuses a
/// key whose offset is not a multiple of the chunk's extent ("bad coordinate offset"), while 1.10
/// divides and reads the chunk as if it were on the grid — and reports it on the grid, so no
/// libhdf5 1.10 call shows the damage. A chunk (a leaf's child) must also lie inside the file.
/// The walk visits each node once, reads at most ``nodeLimit`` nodes and checks every address against the file: O(n)
/// for n chunks, where listing them through 1.10 (`H5Dget_chunk_info`) is O(n²).
///
/// ```swift
/// HDF5ChunkBTree.problem(root: 2432, chunk: [16, 32, 32, 3, 1], in: bytes)
/// // "its chunk index holds a key at offsets [304, 32, 32, 1152921504606846979, 1], off its chunk grid"
/// ```
enum HDF5ChunkBTree {
    /// The most nodes read of one index (64 chunks a node: 67 million chunks).
    static let nodeLimit = 1 << 20

    /// Why the B-tree rooted at HDF5 address `root`, indexing chunks of extents `chunk` (the
    /// layout's dimensions, element size last), is damaged; `nil` when every key lies on the grid
    /// or the tree cannot be read here (then libhdf5 judges it).
    static func problem(root: UInt64, chunk: [UInt64], in bytes: HDF5FileBytes) -> String? {
        guard !chunk.isEmpty, !chunk.contains(0) else { return nil }
        let width = bytes.addressWidth
        let keySize = 8 + 8 * chunk.count
        var pending = [root]
        var visited = Set<UInt64>()
        while let address = pending.popLast() {
            guard visited.insert(address).inserted else { continue }
            guard visited.count <= nodeLimit, let head = bytes.read(at: address, count: 8 + 2 * width),
                Array(head.prefix(4)) == Array("TREE".utf8), head[4] == 1,
                let used = head.littleEndian(at: 6, width: 2)
            else { return nil }
            let level = head[5]
            let count = Int(used) * (keySize + width) + keySize
            guard let node = bytes.read(at: address + UInt64(8 + 2 * width), count: count) else { return nil }
            for entry in 0...Int(used) {
                let key = entry * (keySize + width)
                let offsets = (0..<chunk.count).compactMap { node.littleEndian(at: key + 8 + 8 * $0, width: 8) }
                if zip(offsets, chunk).contains(where: { $0 % $1 != 0 }) {
                    return "its chunk index holds a key at offsets \(offsets), off its chunk grid"
                }
                guard entry < Int(used), let child = node.littleEndian(at: key + keySize, width: width) else {
                    continue
                }
                if level > 0 {
                    pending.append(child)
                } else if let size = node.littleEndian(at: key, width: 4),
                    child.addingReportingOverflow(bytes.base).partialValue.addingReportingOverflow(size).partialValue
                        > bytes.size || child > bytes.size
                {
                    return "its chunk at offsets \(offsets) of \(size) bytes lies past the end of the file"
                }
            }
        }
        return nil
    }
}
