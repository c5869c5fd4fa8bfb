/// A chunk-aware shuffle (`--shuffle chunks`): each pass visits the chunks in a random order and,
/// within each window of a few consecutive chunks of that order, the samples in a random order.
///
/// An exact shuffle of a compressed, chunked dataset touches a different chunk for nearly every
/// sample of a batch, so each batch inflates about `batchSize` chunks unless the decoded-chunk
/// cache holds the whole dataset. Here a batch draws from one or two windows, so each chunk is
/// decoded about once per pass with a cache of only `windowChunks` chunks. The price: a batch's
/// samples come from `windowChunks × rowsPerChunk` neighbouring rows of the file, so if the file
/// is ordered (by class, by time) batches are less mixed than with an exact shuffle. A window of
/// every chunk is an exact uniform shuffle again. See `docs/hdf5.md`.
///
/// The sampler needs nothing from HDF5, only the chunk size along the sample axis;
/// `BatchingHDF5` adds an initializer that reads it from a dataset.
///
/// The sampler is addressable like every other: the pass permutation is a pure function of
/// (seed, epoch, pass), drawn from ``CounterRandom`` with purpose `.shuffle`, and every sample of
/// the pass appears exactly once.
///
/// ```swift
/// let sampler = try ChunkShuffleSampler(sampleCount: 50_000, rowsPerChunk: 64, windowChunks: 8)
/// let first = try sampler.indices(epoch: 0, pass: 0, positions: Array(0..<128), order: .shuffled(seed: 1))
/// Set(first.map { $0 / 64 }).count   // at most 8 chunks (9 when a batch straddles two windows)
/// ```
public struct ChunkShuffleSampler: Sampler {
    public let sampleCount: Int
    /// Rows per chunk along the sample axis.
    public let rowsPerChunk: Int
    /// Chunks whose samples are shuffled together.
    public let windowChunks: Int
    /// The samples of each chunk that the sampler visits, chunk after chunk (ascending), and where
    /// each chunk's list starts.
    private let members: [Int]
    private let groupStarts: [Int]
    private let cache = _PermutationCache()

    /// A sampler over samples `0..<sampleCount` (or only `subset`, in its order for sequential
    /// passes), for a dataset chunked every `rowsPerChunk` rows.
    ///
    /// - Throws: ``BatchingError/invalidArgument(_:)`` for chunk or window sizes below 1,
    ///   ``BatchingError/indexOutOfRange(index:count:)`` for a subset index outside the data.
    public init(sampleCount: Int, rowsPerChunk: Int, windowChunks: Int = 8, subset: [Int]? = nil) throws {
        guard rowsPerChunk >= 1 else {
            throw BatchingError.invalidArgument(
                "a chunk-aware shuffle needs at least 1 row per chunk, not \(rowsPerChunk)")
        }
        guard windowChunks >= 1 else {
            throw BatchingError.invalidArgument(
                "a chunk-aware shuffle needs a window of at least 1 chunk, not \(windowChunks)")
        }
        try BatchingError.checkIndices(subset ?? [], count: sampleCount)
        self.sampleCount = sampleCount
        self.rowsPerChunk = rowsPerChunk
        self.windowChunks = windowChunks
        self.subset = subset
        let visited = subset.map { $0.sorted() } ?? Array(0..<sampleCount)
        var starts = [Int]()
        var lastChunk = -1
        for (position, index) in visited.enumerated() where index / rowsPerChunk != lastChunk {
            lastChunk = index / rowsPerChunk
            starts.append(position)
        }
        starts.append(visited.count)
        members = visited
        groupStarts = starts
    }

    /// The error for samples that are not stored in chunks, such as a contiguous dataset:
    /// `data` names them.
    public static func notChunked(_ data: String) -> BatchingError {
        .invalidArgument(
            "--shuffle chunks needs samples stored in chunks, but those of \(data) are not; use --shuffle exact")
    }

    /// The subset visited, if any, in the order a sequential pass visits it.
    public let subset: [Int]?

    public var passLength: Int? { members.count }

    public func indices(epoch: Int, pass: Int, positions: [Int], order: SampleOrder) throws -> [Int] {
        switch order {
        case .sequential:
            return subset.map { subset in positions.map { subset[$0] } } ?? positions
        case .shuffled(let seed):
            let permutation = cache.permutation(seed: seed, epoch: epoch, pass: pass, count: members.count) {
                self.permutation(seed: seed, epoch: epoch, pass: pass)
            }
            return positions.map { Int(permutation[$0]) }
        }
    }

    public func targetProbabilities() -> [Double] {
        var probabilities = [Double](repeating: 0, count: sampleCount)
        for index in members { probabilities[index] += 1 / Double(members.count) }
        return probabilities
    }

    public var fingerprint: UInt64 {
        var random = CounterRandom(
            seed: UInt64(sampleCount), purpose: .shuffle, epoch: rowsPerChunk,
            batch: windowChunks, sample: members.count)
        var hash = random.next()
        for index in subset ?? [] { hash = (hash ^ UInt64(index)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// The visiting order of pass `pass` of `epoch`: chunks shuffled, then samples shuffled within
    /// each window of `windowChunks` chunks.
    func permutation(seed: UInt64, epoch: Int, pass: Int) -> [UInt32] {
        precondition(members.count <= Int(UInt32.max), "more than 2^32 samples in one pass")
        // `sample: 1` keeps this stream apart from the standard sampler's (sample 0).
        var random = CounterRandom(seed: seed, purpose: .shuffle, epoch: epoch, batch: pass, sample: 1)
        let groupCount = groupStarts.count - 1
        var chunkOrder = Array(0..<groupCount)
        fisherYates(&chunkOrder[...], &random)
        var out = [UInt32]()
        out.reserveCapacity(members.count)
        var windowStart = 0
        for (k, group) in chunkOrder.enumerated() {
            for position in groupStarts[group]..<groupStarts[group + 1] { out.append(UInt32(members[position])) }
            if (k + 1) % windowChunks == 0 || k == groupCount - 1 {
                fisherYates(&out[windowStart...], &random)
                windowStart = out.count
            }
        }
        return out
    }

    private func fisherYates<T>(_ slice: inout ArraySlice<T>, _ random: inout CounterRandom) {
        var i = slice.count - 1
        let base = slice.startIndex
        while i > 0 {
            let j = random.nextInt(below: i + 1)
            slice.swapAt(base + i, base + j)
            i -= 1
        }
    }
}
