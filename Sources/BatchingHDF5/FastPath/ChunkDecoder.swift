/// Reads one stored chunk with `pread` and undoes its filters: inflate, unshuffle, and a byte swap
/// when the file's byte order is not the machine's.
///
/// Runs on worker threads without touching libhdf5. Filters are undone in the reverse of the
/// order the writer applied them, skipping those the chunk's filter mask says were skipped.
///
/// ```swift
/// let decoder = ChunkDecoder(grid: grid, swapBytes: false)
/// let chunk = try decoder.decode(grid.locations[17], from: file)   // chunkByteCount bytes
/// ```
public struct ChunkDecoder: Sendable {
    /// The dataset's chunk grid (shape, element size, filter pipeline).
    public let grid: ChunkGrid
    /// Whether elements are stored in the other byte order.
    public let swapBytes: Bool

    public init(grid: ChunkGrid, swapBytes: Bool) {
        self.grid = grid
        self.swapBytes = swapBytes
    }

    /// The decoded bytes of the chunk stored at `location` in `file`.
    ///
    /// - Throws: ``FastPathError`` when the chunk cannot be read or does not decode to exactly one
    ///   chunk's bytes.
    public func decode(_ location: ChunkLocation, from file: ReadOnlyFile) throws -> DecodedChunk {
        let size = grid.chunkByteCount
        let steps = grid.filters.enumerated().reversed()
            .filter { location.filterMask & (1 << UInt32($0.offset)) == 0 }
            .map(\.element)
        let out = DecodedChunk(byteCount: size)
        if steps.isEmpty {
            guard location.storedSize == size else {
                throw FastPathError.corruptChunk(
                    "an unfiltered chunk at offset \(location.fileOffset) holds \(location.storedSize) bytes, not \(size)")
            }
            try file.read(into: out.bytes, at: location.fileOffset)
        } else {
            let stored = UnsafeMutableRawBufferPointer.allocate(byteCount: max(location.storedSize, 1), alignment: 16)
            defer { stored.deallocate() }
            let storedBytes = UnsafeMutableRawBufferPointer(rebasing: stored[0..<location.storedSize])
            try file.read(into: storedBytes, at: location.fileOffset)
            // Steps alternate between `out` and a scratch buffer so that the last one lands in `out`.
            let scratch = steps.count > 1 ? UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64) : nil
            defer { scratch?.deallocate() }
            var input = UnsafeRawBufferPointer(storedBytes)
            for (k, step) in steps.enumerated() {
                let target = (steps.count - 1 - k) % 2 == 0 ? out.bytes : scratch!
                try apply(step, from: input, to: target, location: location)
                input = UnsafeRawBufferPointer(target)
            }
        }
        if swapBytes { ByteOrder.swapElements(in: out.bytes, elementSize: grid.elementSize) }
        return out
    }

    private func apply(_ step: ChunkFilter, from input: UnsafeRawBufferPointer,
                       to target: UnsafeMutableRawBufferPointer, location: ChunkLocation) throws {
        switch step {
        case .deflate:
            let written = try Inflate.decode(input, into: target)
            guard written == target.count else {
                throw FastPathError.corruptChunk(
                    "the chunk at offset \(location.fileOffset) inflates to \(written) bytes, not \(target.count)")
            }
        case .shuffle(let elementSize):
            guard input.count == target.count else {
                throw FastPathError.corruptChunk(
                    "the shuffled chunk at offset \(location.fileOffset) holds \(input.count) bytes, not \(target.count)")
            }
            ShuffleFilter.unshuffle(input, into: target, elementSize: elementSize)
        }
    }
}
