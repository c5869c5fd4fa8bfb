/// Reads one stored chunk (with `pread`, or takes bytes already read) and undoes its filters: inflate
/// (a whole chunk with the ``DeflateDecoder`` asked for: ``DeflateChunk``) or another codec's decoding
/// (``ChunkCodec``), unshuffle, and a byte swap when the file's byte order is not the machine's.
///
/// Runs on worker threads without touching libhdf5. Filters are undone in the reverse of the
/// order the writer applied them, skipping those the chunk's filter mask says were skipped.
///
/// ```swift
/// let decoder = ChunkDecoder(grid: grid, swapBytes: false)
/// let chunk = try decoder.decode(locations[17], from: file)   // grid.chunkByteCount bytes
/// ```
public struct ChunkDecoder: Sendable {
    /// The dataset's chunk grid (shape, element size, filter pipeline).
    public let grid: ChunkGrid
    /// Whether elements are stored in the other byte order.
    public let swapBytes: Bool
    /// The library that inflates whole deflate-filtered chunks.
    public let deflate: DeflateDecoder
    /// Where decoded chunks and scratch buffers come from and go back to (the cache's spares).
    public let buffers: ChunkBufferPool

    public init(
        grid: ChunkGrid, swapBytes: Bool, deflate: DeflateDecoder = .exact,
        buffers: ChunkBufferPool = ChunkBufferPool(byteBound: 0)
    ) {
        self.grid = grid
        self.swapBytes = swapBytes
        self.deflate = deflate
        self.buffers = buffers
    }

    /// The decoded bytes of the chunk stored at `location` in `file`.
    ///
    /// - Throws: ``FastPathError`` when the chunk cannot be read or does not decode to exactly one
    ///   chunk's bytes.
    public func decode(_ location: ChunkLocation, from file: ReadOnlyFile, rows: Int? = nil) throws -> DecodedChunk {
        let place = "the chunk at offset \(location.fileOffset)"
        if activeSteps(location.filterMask).isEmpty {
            guard location.storedSize == grid.chunkByteCount else {
                throw FastPathError.corruptChunk(
                    "\(place) holds \(location.storedSize) bytes unfiltered, not \(grid.chunkByteCount)")
            }
            let covered = min(rows ?? .max, grid.rowsPerChunk)
            let out =
                covered < grid.rowsPerChunk
                ? DecodedChunk(byteCount: covered * grid.chunkRowByteCount, coveredRows: covered, pool: buffers)
                : DecodedChunk(byteCount: grid.chunkByteCount, pool: buffers)
            try file.read(into: out.bytes, at: location.fileOffset)
            if swapBytes { ByteOrder.swapElements(in: out.bytes, elementSize: grid.elementSize) }
            return out
        }
        // Rounded up to 64 KiB, so that the next chunk's stored bytes fit in the same spare buffer.
        let stored = buffers.take(byteCount: (location.storedSize + 0xFFFF) & ~0xFFFF)
        defer { buffers.give(stored) }
        let storedBytes = UnsafeMutableRawBufferPointer(start: stored.bytes, count: location.storedSize)
        try file.read(into: storedBytes, at: location.fileOffset)
        return try decode(
            stored: UnsafeRawBufferPointer(storedBytes), filterMask: location.filterMask, rows: rows,
            place: place)
    }

    /// The decoded bytes of a chunk whose stored bytes are `stored`: all of it, or — when `rows`
    /// is given — only its first `rows` rows along the sample axis.
    ///
    /// Even then the whole chunk is decoded, and checked: libhdf5 decodes whole chunks, and
    /// refuses one whose stream is damaged anywhere (a wrong Adler-32, a bad code near the end),
    /// so stopping once the rows are out could return rows where libhdf5 refuses. What a prefix
    /// saves is memory: the cache keeps only the rows that were wanted.
    ///
    /// - Throws: ``FastPathError/corruptChunk(_:)`` when it does not decode to one chunk's bytes.
    public func decode(
        stored: UnsafeRawBufferPointer, filterMask: UInt32, rows: Int? = nil,
        place: @autoclosure () -> String = "a chunk"
    ) throws -> DecodedChunk {
        if let rows, rows < grid.rowsPerChunk {
            let whole = try decode(stored: stored, filterMask: filterMask, place: place())
            return leadingRows(max(rows, 0), of: whole)
        }
        let size = grid.chunkByteCount
        let steps = activeSteps(filterMask)
        let out = DecodedChunk(byteCount: size, pool: buffers)
        if steps.isEmpty {
            guard stored.count == size else {
                throw FastPathError.corruptChunk("\(place()) holds \(stored.count) bytes unfiltered, not \(size)")
            }
            if let target = out.bytes.baseAddress, let source = stored.baseAddress {
                target.copyMemory(from: source, byteCount: size)
            }
        } else {
            // Steps alternate between `out` and a scratch buffer so that the last one lands in `out`.
            let scratchMemory = steps.count > 1 ? buffers.take(byteCount: size) : nil
            defer { scratchMemory.map(buffers.give) }
            let scratch = scratchMemory.map { UnsafeMutableRawBufferPointer(start: $0.bytes, count: size) }
            var input = stored
            for (k, step) in steps.enumerated() {
                // With one step, k = 0 always lands in `out`; `scratch` exists whenever more do.
                let target = (steps.count - 1 - k) % 2 == 0 ? out.bytes : scratch!
                try apply(step, from: input, to: target, place: place())
                input = UnsafeRawBufferPointer(target)
            }
        }
        if swapBytes { ByteOrder.swapElements(in: out.bytes, elementSize: grid.elementSize) }
        return out
    }

    /// The first `rows` rows of the decoded chunk `whole`, in memory of their own (`whole` goes
    /// back to the pool).
    private func leadingRows(_ rows: Int, of whole: DecodedChunk) -> DecodedChunk {
        let out = DecodedChunk(byteCount: rows * grid.chunkRowByteCount, coveredRows: rows, pool: buffers)
        if let target = out.bytes.baseAddress, let source = whole.bytes.baseAddress {
            target.copyMemory(from: source, byteCount: out.bytes.count)
        }
        return out
    }

    /// The filters to undo for a chunk with `filterMask`, in decoding order.
    private func activeSteps(_ filterMask: UInt32) -> [ChunkFilter] {
        grid.filters.enumerated().reversed()
            .filter { filterMask & (1 << UInt32($0.offset)) == 0 }
            .map(\.element)
    }

    private func apply(
        _ step: ChunkFilter, from input: UnsafeRawBufferPointer,
        to target: UnsafeMutableRawBufferPointer, place: String
    ) throws {
        switch step {
        case .deflate:
            do {
                try DeflateChunk.inflate(input, exactlyInto: target, with: deflate)
            } catch let error as InflateError {
                throw FastPathError.corruptChunk("\(place): \(error)")
            }
        case .shuffle(let elementSize):
            guard input.count == target.count else {
                throw FastPathError.corruptChunk(
                    "\(place), shuffled, holds \(input.count) bytes, not \(target.count)")
            }
            ShuffleFilter.unshuffle(input, into: target, elementSize: elementSize)
        case .compressed(let codec):
            do {
                try codec.decode(input, exactlyInto: target)
            } catch let error as ChunkCodecError {
                throw FastPathError.corruptChunk("\(place): \(error)")
            }
        }
    }
}
