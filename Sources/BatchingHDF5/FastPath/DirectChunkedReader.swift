import Batching
import Synchronization

/// Reads rows of a chunked dataset by reading and decoding its chunks itself, several at once on
/// worker threads, without libhdf5.
///
/// For each call it finds the chunks the requested rows lie in; takes those it can from the
/// decoded-chunk cache; reads, inflates and unshuffles the rest in parallel (each chunk once per
/// call, whatever the number of rows it serves); then copies the rows out.
///
/// ```swift
/// let reader = try DirectChunkedReader(layout: layout, cache: DecodedChunkCache(byteBudget: 256 << 20))
/// try reader.readRuns([3..<5, 90..<91], into: buffer)
/// ```
public final class DirectChunkedReader: Sendable {
    /// The dataset's layout (its storage is `.chunked`).
    public let layout: DirectLayout
    /// The chunk grid of the layout.
    public let grid: ChunkGrid
    /// The cache later calls find decoded chunks in.
    public let cache: DecodedChunkCache
    /// The threads chunks are decoded on.
    public let work: ParallelWork
    /// This reader's key in the cache.
    public let cacheToken: UInt64
    /// Where chunk bytes come from.
    public let store: ChunkStore
    private let file: ReadOnlyFile
    private let decoder: ChunkDecoder
    private let spans: [[(from: Int, to: Int, count: Int)]]

    private static let nextToken = Atomic<UInt64>(1)

    /// A reader for `layout`, which must describe chunked storage, inflating whole chunks with
    /// `deflate`.
    ///
    /// - Throws: ``FastPathError`` when the file cannot be opened or is shorter than the layout.
    public init(
        layout: DirectLayout, cache: DecodedChunkCache, work: ParallelWork = ParallelWork(),
        file: ReadOnlyFile? = nil, deflate: DeflateDecoder = .exact
    ) throws {
        guard case .chunked(let grid, let store) = layout.storage else {
            // ``DirectRowReader`` makes this reader only for a `.chunked` layout.
            preconditionFailure("DirectChunkedReader needs a chunked layout")
        }
        self.layout = layout
        self.grid = grid
        self.store = store
        self.cache = cache
        self.work = work
        self.file = try layout.openFile(file)
        decoder = ChunkDecoder(
            grid: grid, swapBytes: layout.swapBytes, deflate: deflate, buffers: cache.spareBuffers)
        spans = (0..<grid.chunksPerBand).map { grid.copySpans(chunkInBand: $0) }
        cacheToken = Self.nextToken.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    deinit { cache.removeAll(dataset: cacheToken) }

    /// Writes the rows of every run, run after run, into `destination`, in native byte order.
    ///
    /// - Precondition: runs are inside `0..<rowCount` and `destination` holds exactly their rows.
    public func readRuns(_ runs: [Range<Int>], into destination: UnsafeMutableRawBufferPointer) throws {
        let rowBytes = layout.bytesPerRow
        precondition(
            destination.count == runs.reduce(0) { $0 + $1.count } * rowBytes,
            "the destination does not hold the rows of the runs")
        var bands = BandList()
        let rowsPerChunk = grid.rowsPerChunk
        for run in runs where !run.isEmpty {
            for band in grid.band(ofRow: run.lowerBound)...grid.band(ofRow: run.upperBound - 1) {
                bands.add(band, lastLocalRow: min(run.upperBound - 1 - band * rowsPerChunk, rowsPerChunk - 1))
            }
        }
        let chunks = try decodedChunks(bands: bands)
        guard let base = destination.baseAddress else { return }
        // Every band below holds a row of a run, so the loop above gave it a slot.
        var cursor = base
        for run in runs {
            var row = run.lowerBound
            while row < run.upperBound {
                let band = grid.band(ofRow: row)
                let end = min(run.upperBound, (band + 1) * grid.rowsPerChunk)
                copyRows(row..<end, from: chunks, at: bands.slot[band]!, to: cursor)
                cursor += (end - row) * rowBytes
                row = end
            }
        }
    }

    /// Writes the rows at `indices` (inside `0..<rowCount`, any order, repeats allowed) into
    /// `destination` in that order, in native byte order: no sorting, no staging buffer; each
    /// chunk is still decoded once.
    public func gatherRows(_ indices: [Int], into destination: UnsafeMutableRawBufferPointer) throws {
        let rowBytes = layout.bytesPerRow
        precondition(destination.count == indices.count * rowBytes, "the destination does not hold the rows")
        var bands = BandList()
        for index in indices {
            let band = grid.band(ofRow: index)
            bands.add(band, lastLocalRow: index - band * grid.rowsPerChunk)
        }
        let chunks = try decodedChunks(bands: bands)
        guard let base = destination.baseAddress else { return }
        // Every index's band was given a slot by the loop above.
        for (k, index) in indices.enumerated() {
            copyRows(
                index..<(index + 1), from: chunks, at: bands.slot[grid.band(ofRow: index)]!, to: base + k * rowBytes)
        }
    }

    /// Copies `rows` (all in one band) out of that band's decoded chunks, which start at
    /// `chunks[bandSlot * chunksPerBand]`, to consecutive rows at `destination`.
    private func copyRows(
        _ rows: Range<Int>, from chunks: [DecodedChunk], at bandSlot: Int,
        to destination: UnsafeMutableRawPointer
    ) {
        let rowBytes = layout.bytesPerRow
        let perBand = grid.chunksPerBand
        let chunkRowBytes = grid.chunkRowByteCount
        let firstLocal = rows.lowerBound - grid.band(ofRow: rows.lowerBound) * grid.rowsPerChunk
        for j in 0..<perBand {
            // A decoded chunk's bytes always have an address, even when empty (see `DecodedChunk.init`).
            let chunk = chunks[bandSlot * perBand + j].bytes.baseAddress!
            let chunkSpans = spans[j]
            if chunkSpans.count == 1, chunkSpans[0].count == rowBytes {
                // The chunk spans whole rows: the segment is one block.
                destination.copyMemory(from: chunk + firstLocal * chunkRowBytes, byteCount: rows.count * rowBytes)
                continue
            }
            for local in firstLocal..<(firstLocal + rows.count) {
                let from = chunk + local * chunkRowBytes
                let to = destination + (local - firstLocal) * rowBytes
                for span in chunkSpans { (to + span.to).copyMemory(from: from + span.from, byteCount: span.count) }
            }
        }
    }

    /// The bands a call needs, in first-use order, each band's position in that list, and how
    /// many leading rows of each band's chunks the call reads.
    private struct BandList {
        var list: [Int] = []
        var slot: [Int: Int] = [:]
        var rowsNeeded: [Int] = []

        /// Notes that rows up to local row `lastLocalRow` of `band` are read.
        mutating func add(_ band: Int, lastLocalRow: Int) {
            if let position = slot[band] {
                rowsNeeded[position] = max(rowsNeeded[position], lastLocalRow + 1)
            } else {
                slot[band] = list.count
                list.append(band)
                rowsNeeded.append(lastLocalRow + 1)
            }
        }
    }

    /// The decoded chunks of `bands`, band after band, each band's chunks in grid order.
    ///
    /// Chunks held in the cache are taken from it; those nobody decodes are claimed and decoded
    /// here in parallel; those another reader (another worker's batch) is decoding right now are
    /// waited for once this call's own decodes are done, so each chunk is inflated once however
    /// many reads want it at the same time.
    private func decodedChunks(bands: BandList) throws -> [DecodedChunk] {
        let perBand = grid.chunksPerBand
        var found = [DecodedChunk?](repeating: nil, count: bands.list.count * perBand)
        var claimed = [(slot: Int, flight: ChunkFlight)]()
        var awaited = [(slot: Int, flight: ChunkFlight)]()
        defer {
            StageRecorder.current?.addChunkLookups(hits: found.count - claimed.count, misses: claimed.count)
        }
        let prefixes = decodesPrefixes
        for (position, band) in bands.list.enumerated() {
            let rows = bands.rowsNeeded[position]
            for j in 0..<perBand {
                let slot = position * perBand + j
                let chunk = band * perBand + j
                let decoding = decodeRows(rows, of: chunk, prefixes)
                switch cache.lookUp(key(chunk), coveringRows: rows, decodingRows: decoding) {
                case .held(let chunk): found[slot] = chunk
                case .decodeHere(let flight): claimed.append((slot, flight))
                case .beingDecoded(let flight): awaited.append((slot, flight))
                }
            }
        }
        // A claim `work.run` skipped after another failed still has to end, or its waiters would
        // wait for good (ending one twice does nothing).
        defer { for (_, flight) in claimed { cache.finish(flight, with: .failure(CancellationError())) } }
        do {
            let decoded = Mutex([DecodedChunk?](repeating: nil, count: claimed.count))
            let flights = claimed.map(\.flight)
            try work.run(count: flights.count) { k in
                let chunk = try decode(flights[k])
                decoded.withLock { $0[k] = chunk }
            }
            // `work.run` decoded every claimed chunk or threw.
            for (k, chunk) in decoded.withLock({ $0 }).enumerated() { found[claimed[k].slot] = chunk }
            for (slot, flight) in awaited { found[slot] = try sharedDecode(flight) }
        } catch let error as FastPathError {
            throw FastPathError.inDataset(file: layout.filePath, dataset: layout.datasetPath, problem: error.problem)
        }
        // Every slot was held, decoded here or awaited: the `!` cannot fail.
        return found.map { $0! }
    }

    private func key(_ chunk: Int) -> DecodedChunkCache.Key { .init(dataset: cacheToken, chunk: chunk) }

    /// How many leading rows to decode of a chunk of which `rows` are wanted: all of them
    /// (`Int.max`) unless `prefixes` allows a prefix and it saves enough.
    private func decodeRows(_ rows: Int, of chunk: Int, _ prefixes: Bool) -> Int {
        guard prefixes, rows * 4 <= grid.rowsPerChunk * 3 else { return .max }
        // A prefix that has to be extended means the chunk's later rows are wanted too (as a
        // chunk-aware shuffle does): decode it whole this time.
        return cache.coveredRows(for: key(chunk)) == nil ? rows : .max
    }

    /// Decodes the chunk of a claimed `flight` and ends the flight, whether the decode worked or not.
    private func decode(_ flight: ChunkFlight) throws -> DecodedChunk {
        let result = Result { try load(flight.key.chunk, rows: flight.rows == .max ? nil : flight.rows) }
        cache.finish(flight, with: result)
        return try result.get()
    }

    /// The chunk another reader's `flight` decodes; when that decode fails, the chunk is looked up
    /// again and decoded here if nobody else has it by then, so the error (if any) is this call's.
    private func sharedDecode(_ flight: ChunkFlight) throws -> DecodedChunk {
        var flight = flight
        while true {
            if let chunk = flight.wait() { return chunk }
            switch cache.lookUp(flight.key, coveringRows: flight.rows, decodingRows: flight.rows) {
            case .held(let chunk): return chunk
            case .decodeHere(let mine): return try decode(mine)
            case .beingDecoded(let other): flight = other
            }
        }
    }

    /// Whether chunks are decoded only as far as a call needs (see ``ChunkDecoder``): when the
    /// cache holds less than half the decoded dataset, most chunks are decoded for a row or two
    /// and dropped before they are asked for again, so decoding less beats caching whole chunks.
    var decodesPrefixes: Bool {
        cache.byteBudget < grid.chunkCount * grid.chunkByteCount / 2
    }

    /// Chunk `number`, read and decoded (only its first `rows` rows, when given and possible).
    private func load(_ number: Int, rows: Int?) throws -> DecodedChunk {
        switch store {
        case .located(let locations):
            return try decoder.decode(locations[number], from: file, rows: rows)
        case .library(let raw):
            let origin = grid.origin(ofChunk: number)
            let (bytes, mask) = try raw.rawChunk(at: origin)
            return try bytes.withUnsafeBytes { stored in
                try decoder.decode(stored: stored, filterMask: mask, rows: rows, place: "the chunk at \(origin)")
            }
        }
    }
}
