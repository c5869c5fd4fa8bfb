import Batching
import Synchronization

/// A decoded (inflated, unshuffled, byte-swapped to native order) chunk: immutable bytes shared
/// between the cache and the readers copying rows out of it.
public final class DecodedChunk: @unchecked Sendable {
    /// The chunk's bytes; written once before the chunk is shared, read-only afterwards.
    public let bytes: UnsafeMutableRawBufferPointer

    /// How many leading rows (along the sample axis) of the chunk the bytes hold: all of them
    /// (`Int.max`) unless only a prefix was decoded.
    public let coveredRows: Int

    /// A chunk of `byteCount` uninitialised bytes, to be filled before it is shared, holding
    /// `coveredRows` leading rows of the chunk (all of them by default); its memory comes from
    /// `pool` and goes back there when the chunk is dropped, when a pool is given.
    public init(byteCount: Int, coveredRows: Int = .max, pool: ChunkBufferPool? = nil) {
        self.coveredRows = coveredRows
        let memory = pool?.take(byteCount: byteCount) ?? PageAllocation(byteCount: byteCount, policy: .decodedChunks)
        if byteCount == 0 { memory.bytes.initializeMemory(as: UInt8.self, repeating: 0, count: 1) }
        bytes = UnsafeMutableRawBufferPointer(start: memory.bytes, count: byteCount)
        allocation = memory
        self.pool = pool
    }

    private let allocation: PageAllocation
    private let pool: ChunkBufferPool?

    /// The number of bytes the chunk holds.
    public var byteCount: Int { bytes.count }

    deinit {
        if let pool { pool.give(allocation) } else { allocation.free() }
    }
}

/// A least-recently-used cache of decoded chunks with a byte budget, shared by the chunked
/// datasets of one source: ``HDF5Source`` owns one (its budget is the command line's
/// `--cache-mb`) and hands it to every column it opens.
///
/// Later batches that need a chunk an earlier batch decoded take it from here instead of reading
/// and inflating it again. When a new chunk would push the bytes held over the budget, the least
/// recently used chunks are dropped; a chunk larger than the whole budget is never kept. Safe to
/// use from any thread.
///
/// ```swift
/// let cache = DecodedChunkCache(byteBudget: 256 << 20)
/// let key = DecodedChunkCache.Key(dataset: datasetToken, chunk: 17)
/// if let chunk = cache.chunk(for: key) { use(chunk) } else { cache.insert(decode(), for: key) }
/// print(cache.statistics.hits, cache.statistics.bytesHeld)
/// ```
public final class DecodedChunkCache: Sendable {
    /// Which chunk of which dataset.
    public struct Key: Hashable, Sendable {
        /// A number that identifies the dataset (and the file it lives in) within this process.
        public var dataset: UInt64
        /// The chunk's position in the dataset's chunk grid, row-major.
        public var chunk: Int

        public init(dataset: UInt64, chunk: Int) {
            self.dataset = dataset
            self.chunk = chunk
        }
    }

    /// Counters describing what the cache has done.
    public struct Statistics: Sendable, Equatable {
        /// Bytes of decoded chunks held now.
        public var bytesHeld = 0
        /// Chunks held now.
        public var chunksHeld = 0
        /// Look-ups that found their chunk.
        public var hits = 0
        /// Look-ups that did not.
        public var misses = 0
        /// Chunks dropped to stay within the budget.
        public var evictions = 0
        /// Look-ups that found their chunk being decoded by another reader and waited for it
        /// instead of decoding it again (see ``lookUp(_:coveringRows:decodingRows:)``).
        public var sharedDecodes = 0
    }

    /// What ``lookUp(_:coveringRows:decodingRows:)`` found.
    public enum Lookup: Sendable {
        /// The chunk is held: here it is.
        case held(DecodedChunk)
        /// Nobody is decoding it: the caller decodes it and ends the flight with ``finish(_:with:)``.
        case decodeHere(ChunkFlight)
        /// Another reader is decoding it: ``ChunkFlight/wait()`` for its result.
        case beingDecoded(ChunkFlight)
    }

    private struct Entry {
        var chunk: DecodedChunk
        var older: Int?
        var newer: Int?
        var key: Key
    }

    /// A doubly linked recency list threaded through an array of slots, plus a key index.
    ///
    /// Invariant: every slot named by `index`, `newest`, `oldest` or an entry's `older`/`newer`
    /// holds an entry (``remove(_:)`` unlinks a slot before freeing it), so the `!`s on such
    /// slots cannot fail.
    private struct State {
        var slots: [Entry?] = []
        var freeSlots: [Int] = []
        var index: [Key: Int] = [:]
        var newest: Int?
        var oldest: Int?
        var statistics = Statistics()
        /// Chunks being decoded now, each by the reader that claimed it.
        var flights: [Key: ChunkFlight] = [:]

        mutating func unlink(_ slot: Int) {
            let entry = slots[slot]!
            if let older = entry.older { slots[older]!.newer = entry.newer } else { oldest = entry.newer }
            if let newer = entry.newer { slots[newer]!.older = entry.older } else { newest = entry.older }
            slots[slot]!.older = nil
            slots[slot]!.newer = nil
        }

        mutating func pushNewest(_ slot: Int) {
            slots[slot]!.older = newest
            slots[slot]!.newer = nil
            if let newest { slots[newest]!.newer = slot }
            newest = slot
            if oldest == nil { oldest = slot }
        }

        /// Stores `chunk` as the most recently used, evicting to stay within `budget`; a chunk
        /// larger than the budget, or covering fewer rows than the one held, is not stored.
        mutating func store(_ chunk: DecodedChunk, for key: Key, budget: Int) {
            guard chunk.byteCount <= budget else { return }
            if let existing = index[key] {
                if slots[existing]!.chunk.coveredRows > chunk.coveredRows { return }
                remove(existing)
            }
            while statistics.bytesHeld + chunk.byteCount > budget, let oldest {
                remove(oldest)
                statistics.evictions += 1
            }
            let entry = Entry(chunk: chunk, older: nil, newer: nil, key: key)
            let slot: Int
            if let free = freeSlots.popLast() {
                slot = free
                slots[slot] = entry
            } else {
                slot = slots.count
                slots.append(entry)
            }
            index[key] = slot
            pushNewest(slot)
            statistics.bytesHeld += chunk.byteCount
            statistics.chunksHeld += 1
        }

        mutating func remove(_ slot: Int) {
            unlink(slot)
            let entry = slots[slot]!
            index[entry.key] = nil
            slots[slot] = nil
            freeSlots.append(slot)
            statistics.bytesHeld -= entry.chunk.byteCount
            statistics.chunksHeld -= 1
        }
    }

    /// The budget of a cache nobody sized: 256 MiB (the command line's `--cache-mb` default).
    public static let defaultByteBudget = 256 << 20

    private let budget: Atomic<Int>
    private let state = Mutex(State())

    /// The bytes a spare buffer pool of the cache holds at most: 32 MiB, on top of the budget.
    public static let spareBufferBound = 32 << 20

    /// Buffers of dropped chunks and decode scratch, reused by the readers that share this cache
    /// (``ChunkBufferPool``); bounded by ``spareBufferBound`` on its own, outside the budget.
    public let spareBuffers = ChunkBufferPool(byteBound: DecodedChunkCache.spareBufferBound)

    /// A cache that holds at most `byteBudget` bytes of decoded chunks (0 turns caching off).
    public init(byteBudget: Int = DecodedChunkCache.defaultByteBudget) {
        budget = Atomic(max(byteBudget, 0))
    }

    /// The most bytes of decoded chunks the cache holds at once; lowering it drops least recently
    /// used chunks at once.
    public var byteBudget: Int {
        get { budget.load(ordering: .relaxed) }
        set {
            budget.store(max(newValue, 0), ordering: .relaxed)
            state.withLock { state in
                while state.statistics.bytesHeld > max(newValue, 0), let oldest = state.oldest {
                    state.remove(oldest)
                    state.statistics.evictions += 1
                }
            }
        }
    }

    /// The chunk stored for `key`, marked as the most recently used; `nil` (counted as a miss)
    /// when it is not held, or holds fewer than `rows` leading rows.
    public func chunk(for key: Key, coveringRows rows: Int = 0) -> DecodedChunk? {
        state.withLock { state in
            guard let slot = state.index[key], state.slots[slot]!.chunk.coveredRows >= rows else {
                state.statistics.misses += 1
                return nil
            }
            state.statistics.hits += 1
            state.unlink(slot)
            state.pushNewest(slot)
            return state.slots[slot]!.chunk
        }
    }

    /// The chunk held for `key` when it covers `rows` leading rows (a hit); else the decode of it
    /// another reader is running, when that covers `rows` (counted as a shared decode); else a
    /// claim on decoding `decodingRows` rows of it (a miss), which the caller must end with
    /// ``finish(_:with:)`` — so that two readers wanting one chunk at once inflate it once.
    ///
    /// A claim is registered only when no other decode of the chunk runs; one that covers too few
    /// rows is left to run, and the caller decodes its own copy beside it.
    public func lookUp(_ key: Key, coveringRows rows: Int, decodingRows: Int) -> Lookup {
        state.withLock { state in
            if let slot = state.index[key], state.slots[slot]!.chunk.coveredRows >= rows {
                state.statistics.hits += 1
                state.unlink(slot)
                state.pushNewest(slot)
                return .held(state.slots[slot]!.chunk)
            }
            if let running = state.flights[key], running.rows >= rows {
                state.statistics.sharedDecodes += 1
                return .beingDecoded(running)
            }
            state.statistics.misses += 1
            let flight = ChunkFlight(key: key, rows: max(decodingRows, rows))
            if state.flights[key] == nil { state.flights[key] = flight }
            return .decodeHere(flight)
        }
    }

    /// Ends a decode claimed with ``lookUp(_:coveringRows:decodingRows:)``: stores the chunk (as
    /// ``insert(_:for:)`` does) when it succeeded, and hands the result to every reader waiting
    /// for it — `nil` on failure, so that they decode it themselves. Ending a flight again does
    /// nothing but store `result`'s chunk.
    public func finish(_ flight: ChunkFlight, with result: Result<DecodedChunk, any Error>) {
        let chunk = try? result.get()
        let byteBudget = self.byteBudget
        state.withLock { state in
            if state.flights[flight.key] === flight { state.flights[flight.key] = nil }
            if let chunk { state.store(chunk, for: flight.key, budget: byteBudget) }
        }
        flight.land(chunk)
    }

    /// Stores `chunk` for `key` as the most recently used, dropping the least recently used
    /// chunks until the budget holds; a chunk larger than the budget is not stored.
    public func insert(_ chunk: DecodedChunk, for key: Key) {
        let byteBudget = self.byteBudget
        state.withLock { $0.store(chunk, for: key, budget: byteBudget) }
    }

    /// Whether a chunk is held for `key`, without counting a hit or a miss or changing recency.
    public func contains(_ key: Key) -> Bool {
        state.withLock { $0.index[key] != nil }
    }

    /// How many leading rows the chunk held for `key` covers, or `nil` when none is held; counts
    /// no hit or miss and changes no recency.
    public func coveredRows(for key: Key) -> Int? {
        state.withLock { state in state.index[key].map { state.slots[$0]!.chunk.coveredRows } }
    }

    /// Drops every chunk of `dataset` (when its file is closed).
    public func removeAll(dataset: UInt64) {
        state.withLock { state in
            for slot in state.index.filter({ $0.key.dataset == dataset }).map(\.value) { state.remove(slot) }
        }
    }

    /// What the cache has done so far and what it holds now.
    public var statistics: Statistics {
        state.withLock { $0.statistics }
    }
}
