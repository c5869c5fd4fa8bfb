/// Where one stored chunk lives in the file and which filters it skipped. The library's chunk
/// index makes them (the memberwise initializer is internal); readers use them.
public struct ChunkLocation: Sendable, Hashable {
    /// The byte offset of the stored (filtered) chunk in the file.
    public var fileOffset: UInt64
    /// The number of stored bytes.
    public var storedSize: Int
    /// Bit *i* set: filter *i* of the pipeline was skipped when this chunk was written (an
    /// optional filter, such as deflate, that did not shrink the chunk).
    public var filterMask: UInt32
}

/// The chunks of a chunked dataset: their shape, the grid they tile and how they were filtered.
///
/// Chunks are numbered row-major over the grid. A *band* is the set of chunks that share one
/// position along the first (sample) axis; a row of the dataset lies in exactly one band and
/// draws bytes from every chunk of it.
///
/// ```swift
/// // 500 rows of 28×28 in chunks of 7×5×28: 72 bands of 6 chunks each.
/// grid.gridShape         // [72, 6, 1]
/// grid.chunksPerBand     // 6
/// grid.band(ofRow: 20)   // 2
/// ```
public struct ChunkGrid: Sendable {
    /// The dataset's extents.
    public let datasetShape: [Int]
    /// The extents of one chunk (edge chunks are stored full size and cut on reading).
    public let chunkShape: [Int]
    /// The filter pipeline in the order the writer applied it.
    public let filters: [ChunkFilter]
    /// The number of chunks along each axis.
    public let gridShape: [Int]
    /// The size of one element in bytes.
    public let elementSize: Int

    /// The grid of `chunkShape` chunks over a dataset of `datasetShape`; `nil` when the shapes do
    /// not fit together.
    public init?(datasetShape: [Int], chunkShape: [Int], elementSize: Int, filters: [ChunkFilter]) {
        guard !datasetShape.isEmpty, chunkShape.count == datasetShape.count,
            chunkShape.allSatisfy({ $0 > 0 }), datasetShape.allSatisfy({ $0 >= 0 }), elementSize > 0
        else { return nil }
        self.datasetShape = datasetShape
        self.chunkShape = chunkShape
        self.elementSize = elementSize
        self.filters = filters
        gridShape = zip(datasetShape, chunkShape).map { ($0 + $1 - 1) / $1 }
    }

    /// The number of chunks.
    public var chunkCount: Int { gridShape.reduce(1, *) }
    /// The number of chunks in one band (every axis but the first).
    public var chunksPerBand: Int { gridShape.dropFirst().reduce(1, *) }
    /// The number of bands (chunks along the first axis).
    public var bandCount: Int { gridShape[0] }
    /// Rows per chunk along the first axis.
    public var rowsPerChunk: Int { chunkShape[0] }
    /// Bytes of one decoded chunk.
    public var chunkByteCount: Int { chunkShape.reduce(1, *) * elementSize }
    /// Bytes of one row of one decoded chunk.
    var chunkRowByteCount: Int { chunkShape.dropFirst().reduce(1, *) * elementSize }

    /// The band that holds dataset row `row`.
    public func band(ofRow row: Int) -> Int { row / chunkShape[0] }

    /// The element coordinates of the first element of chunk `number`.
    public func origin(ofChunk number: Int) -> [Int] {
        var origin = [Int](repeating: 0, count: gridShape.count)
        var rest = number
        for axis in stride(from: gridShape.count - 1, through: 0, by: -1) {
            origin[axis] = (rest % gridShape[axis]) * chunkShape[axis]
            rest /= gridShape[axis]
        }
        return origin
    }

    /// The chunks libhdf5 reported (by the element coordinates of their first element), put in
    /// chunk-number order; `nil` when some chunk was never written (it would read as the fill
    /// value) or an origin does not lie on the grid.
    public func locations(of chunks: [(origin: [Int], location: ChunkLocation)]) -> [ChunkLocation]? {
        guard chunks.count == chunkCount else { return nil }
        var located = [ChunkLocation?](repeating: nil, count: chunkCount)
        for (origin, location) in chunks {
            guard let number = chunkNumber(ofOrigin: origin) else { return nil }
            located[number] = location
        }
        let all = located.compactMap { $0 }
        return all.count == chunkCount ? all : nil
    }
    /// The number of the chunk whose first element is `origin`; `nil` when no chunk of the grid
    /// starts there (off the grid, outside it, or of another rank).
    public func chunkNumber(ofOrigin origin: [Int]) -> Int? {
        guard origin.count == chunkShape.count else { return nil }
        var number = 0
        for axis in 0..<origin.count {
            let (coordinate, remainder) = origin[axis].quotientAndRemainder(dividingBy: chunkShape[axis])
            guard remainder == 0, coordinate >= 0, coordinate < gridShape[axis] else { return nil }
            number = number * gridShape[axis] + coordinate
        }
        return number
    }

    /// The same grid with the filter pipeline `filters` (the shapes were accepted by `init`, so
    /// building it again cannot fail).
    func filtered(by filters: [ChunkFilter]) -> ChunkGrid {
        ChunkGrid(datasetShape: datasetShape, chunkShape: chunkShape, elementSize: elementSize, filters: filters)
            ?? self
    }

    /// The spans to copy from a chunk row into a dataset row, for the chunk at position `j` of
    /// its band: `(from, to, count)` byte offsets relative to the chunk row and the dataset row.
    ///
    /// Neighbouring spans are merged, so a chunk that spans whole rows yields one span.
    func copySpans(chunkInBand j: Int) -> [(from: Int, to: Int, count: Int)] {
        let rank = datasetShape.count
        if rank == 1 { return [(0, 0, elementSize)] }
        // The chunk's grid coordinates along axes 1..<rank, from its position in the band.
        var coordinates = [Int](repeating: 0, count: rank)
        var rest = j
        for axis in stride(from: rank - 1, through: 1, by: -1) {
            coordinates[axis] = rest % gridShape[axis]
            rest /= gridShape[axis]
        }
        let extents = (1..<rank).map { min(chunkShape[$0], datasetShape[$0] - coordinates[$0] * chunkShape[$0]) }
        // Element strides of a chunk row and of a dataset row, for axes 1..<rank.
        var chunkStride = [Int](repeating: 1, count: rank)
        var rowStride = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 1, by: -1) {
            chunkStride[axis] = chunkStride[axis + 1] * chunkShape[axis + 1]
            rowStride[axis] = rowStride[axis + 1] * datasetShape[axis + 1]
        }
        let spanElements = extents[rank - 2]
        var spans: [(from: Int, to: Int, count: Int)] = []
        // Walk every position of the outer axes 1..<rank-1 of the chunk's block.
        var position = [Int](repeating: 0, count: rank)
        while true {
            var from = 0
            var to = 0
            for axis in 1..<rank {
                from += position[axis] * chunkStride[axis]
                to += (coordinates[axis] * chunkShape[axis] + position[axis]) * rowStride[axis]
            }
            let span = (from: from * elementSize, to: to * elementSize, count: spanElements * elementSize)
            if let last = spans.last, last.from + last.count == span.from, last.to + last.count == span.to {
                spans[spans.count - 1].count += span.count
            } else {
                spans.append(span)
            }
            var axis = rank - 2
            while axis >= 1 {
                position[axis] += 1
                if position[axis] < extents[axis - 1] { break }
                position[axis] = 0
                axis -= 1
            }
            if axis < 1 { break }
        }
        return spans
    }
}
